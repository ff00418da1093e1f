import type { ChangeListener } from '@relay/replica';
import { redisKeys, type ItemChangeEvent, type ProxyChangeEvent } from '@relay/redis-contract';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { ConnectionHub } from './connection-hub';
import type { EnvironmentTracker } from './environment-tracker';
import type { FanoutMetrics } from './fanout-metrics';
import { eventFrame } from './sse-frames';

/** Options of {@link createFanoutFeed}. */
export interface FanoutFeedOptions {
  hub: ConnectionHub;
  tracker: EnvironmentTracker;
  metrics: FanoutMetrics;
  clock: Clock;
  /** `SSE_EVENT_DELAY_MS`: frames wait this long after their entry was read. Default 0. */
  eventDelayMs: number;
  /** Called on a gap (spec/redis-contract.md §7.4). */
  onGap(): void;
}

/** The change-feed subscriber of sse-fanout. */
export interface FanoutFeed extends ChangeListener {
  /** Drops frames still waiting for `SSE_EVENT_DELAY_MS`. */
  close(): void;
}

/**
 * Turns `proxy:sse_events` entries into SDK frames and stream ends (spec/redis-contract.md §4.2):
 * `flag`/`target-segment` entries become one frame string per entry, built once and written to every
 * stream of the environment (spec/sdk-api.md §8.4 rule 5), in entry order; `proxy` entries end streams
 * (§8.5) and never reach SDKs.
 */
export function createFanoutFeed(options: FanoutFeedOptions): FanoutFeed {
  const { hub, tracker, metrics, clock, eventDelayMs } = options;
  const delayed = new Set<TimerHandle>();

  const broadcast = (event: ItemChangeEvent, id: string): void => {
    if (hub.count(event.environment) === 0) return;
    hub.broadcast(event.environment, Buffer.from(eventFrame(event, id)), id);
    metrics.published(event.environment);
  };

  const endStreams = (event: ProxyChangeEvent): void => {
    if (event.event === 'environmentsRemoved' || event.event === 'proxyKeyDeleted') {
      const reason = event.event === 'environmentsRemoved' ? 'environment_removed' : 'proxy_key_deleted';
      for (const envId of event.environments) hub.endWhere(envId, reason);
    } else if (event.event === 'apiKeyRemoved' && event.apiKey !== '' && event.environments[0] !== undefined) {
      // The streams opened with that key: by API-Key hash, or by the token's apiKey claim (decision 7).
      const claim = redisKeys.authKey(event.apiKey);
      hub.endWhere(
        event.environments[0],
        'api_key_removed',
        ({ identity }) => identity.sdkKeyHash === event.apiKey || identity.tokenApiKey === claim,
      );
    }
  };

  return {
    onEvent(event, id) {
      if (event.domain === 'proxy') return endStreams(event);
      tracker.apply(event);
      if (eventDelayMs <= 0) return broadcast(event, id);
      const timer = clock.setTimeout(() => {
        delayed.delete(timer);
        broadcast(event, id);
      }, eventDelayMs);
      delayed.add(timer);
    },
    onGap: () => options.onGap(),
    close() {
      for (const timer of delayed) clock.clearTimeout(timer);
      delayed.clear();
    },
  };
}
