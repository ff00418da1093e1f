import { streamNames, type HealthEntry, type StreamState } from '@relay/redis-contract';
import type { EventStream } from '@relay/store';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { SaasSyncMetrics } from './saas-sync-metrics';

/** MAXLEN of `ffproxy_saas_stream_health` (spec/redis-contract.md §4.3). */
const HEALTH_MAX_LEN = 100;

/** Publishes the leader's SaaS stream state to `ffproxy_saas_stream_health`. */
export interface HealthPublisher {
  /** Leader start: INITIALIZING when the stream has no entry, else DISCONNECTED; starts the heartbeat. */
  begin(): Promise<void>;
  /** Appends an entry when `state` differs from the current one. */
  set(state: StreamState): Promise<void>;
  current(): HealthEntry;
  /** Stops the heartbeat (the term ended). */
  stop(): void;
}

/** Options of {@link createHealthPublisher}. */
export interface HealthPublisherOptions {
  events: EventStream;
  clock: Clock;
  logger: Logger;
  metrics: SaasSyncMetrics;
  /** Heartbeat period; default 10 000 ms (independent of `HEARTBEAT_INTERVAL`). */
  heartbeatMs?: number;
}

/** Creates a {@link HealthPublisher}: one entry per transition and the current state every heartbeat. */
export function createHealthPublisher(options: HealthPublisherOptions): HealthPublisher {
  const { events, clock, logger, metrics } = options;
  let current: HealthEntry = { state: 'INITIALIZING', since: clock.now() };
  let timer: TimerHandle | undefined;

  async function append(): Promise<void> {
    try {
      await events.append(streamNames.saasStreamHealth, JSON.stringify(current), HEALTH_MAX_LEN);
      metrics.published(streamNames.saasStreamHealth, false);
    } catch (error) {
      metrics.published(streamNames.saasStreamHealth, true);
      logger.warn('stream health append failed', { err: error });
    }
  }

  const heartbeat = () => {
    void append().finally(() => timer?.refresh());
  };

  return {
    async begin() {
      const earlier = await events.newest(streamNames.saasStreamHealth);
      current = { state: earlier ? 'DISCONNECTED' : 'INITIALIZING', since: clock.now() };
      metrics.streamHealth(false);
      await append();
      timer = clock.setTimeout(heartbeat, options.heartbeatMs ?? 10_000);
    },
    async set(state) {
      if (state === current.state) return;
      current = { state, since: clock.now() };
      metrics.streamHealth(state === 'CONNECTED');
      await append();
    },
    current: () => current,
    stop() {
      if (timer) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
