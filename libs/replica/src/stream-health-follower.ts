import { parseHealthEntry, streamIdMs, streamNames, type HealthEntry } from '@relay/redis-contract';
import type { EventStream, StreamEntry } from '@relay/store';
import type { Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { ReplicaMetrics } from './replica-metrics';
import { createStreamFollower } from './stream-follower';

/** The SaaS stream state as followed from `ffproxy_saas_stream_health`. */
export interface StreamHealthFollower {
  /** The latest state, DISCONNECTED when no entry arrived for `staleAfterMs` (§4.3). */
  state(): HealthEntry;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createStreamHealthFollower}. */
export interface StreamHealthFollowerOptions {
  events: EventStream;
  clock: Clock;
  logger: Logger;
  metrics: ReplicaMetrics;
  /** No entry for this long → DISCONNECTED. Default 30 000 ms (3 saas-sync heartbeats). */
  staleAfterMs?: number;
  /** `BLOCK` of each read; default 5000 ms. */
  blockMs?: number;
}

/**
 * Follows `ffproxy_saas_stream_health` (spec/redis-contract.md §4.3): newest entry at start, then every
 * new one. The state only feeds `/health` and the `ff_proxy_stream_health` gauge; SDK streams never
 * depend on it (decision 4).
 */
export function createStreamHealthFollower(options: StreamHealthFollowerOptions): StreamHealthFollower {
  const { clock, metrics } = options;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  const startedAt = clock.now();
  let latest: { entry: HealthEntry; idMs: number } | undefined;

  const accept = (entry: StreamEntry): void => {
    const parsed = parseHealthEntry(entry.event);
    metrics.received(streamNames.saasStreamHealth, parsed ? 'false' : 'err_parsing_message');
    if (parsed) latest = { entry: parsed, idMs: streamIdMs(entry.id) };
  };

  const state = (): HealthEntry => {
    let current: HealthEntry;
    if (!latest) current = { state: 'INITIALIZING', since: startedAt };
    else if (clock.now() - latest.idMs > staleAfterMs) current = { state: 'DISCONNECTED', since: latest.idMs };
    else current = latest.entry;
    metrics.streamHealth(current.state === 'CONNECTED');
    return current;
  };

  const follower = createStreamFollower({
    events: options.events,
    stream: streamNames.saasStreamHealth,
    clock,
    logger: options.logger,
    metrics,
    count: 10,
    blockMs: options.blockMs,
    handlers: {
      onEntries: (entries) => {
        entries.forEach(accept);
        state();
      },
    },
  });

  return {
    state,
    async start() {
      const newest = await options.events.newest(streamNames.saasStreamHealth);
      if (newest) accept(newest);
      state();
      await follower.start();
    },
    close: () => follower.close(),
  };
}
