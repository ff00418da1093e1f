import { hostname } from 'node:os';
import { counter, lastSyncedGauge, streamHealthGauge, type Registry } from '@relay/metrics';

/** Instruments the replica followers record (spec/observability.md §2). */
export interface ReplicaMetrics {
  /** An entry read from `topic`; `error` is `false` or `err_parsing_message`. */
  received(topic: string, error: string): void;
  /** A (re)start of a blocking read loop on `topic`. */
  subscribed(topic: string): void;
  /** The followed SaaS stream state: 1 when CONNECTED. */
  streamHealth(connected: boolean): void;
  /** `ffproxy_config_status.lastSyncedAt`. */
  lastSynced(ms: number): void;
  /** A cache invalidation by `reason`: `event`, `revalidation` or `gap`. */
  invalidated(reason: 'event' | 'revalidation' | 'gap'): void;
}

/** Creates {@link ReplicaMetrics} on `registry` (idempotent per registry). */
export function createReplicaMetrics(registry: Registry): ReplicaMetrics {
  const host = hostname();
  const received = counter(registry, {
    name: 'ff_proxy_replica_sse_consumer_messages_received',
    help: 'Entries read from proxy:sse_events and ffproxy_saas_stream_health',
    labelNames: ['topic', 'error'],
  });
  const subscriptions = counter(registry, {
    name: 'ff_proxy_replica_sse_consumer_subscription_requests',
    help: '(Re)starts of a stream read loop',
    labelNames: ['topic'],
  });
  const health = streamHealthGauge(registry);
  const synced = lastSyncedGauge(registry);
  const invalidations = counter(registry, {
    name: 'ff_proxy_cache_invalidations_total',
    help: 'In-process cache invalidations',
    labelNames: ['reason'],
  });
  return {
    received: (topic, error) => received.inc({ topic, error }),
    subscribed: (topic) => subscriptions.inc({ topic }),
    streamHealth: (connected) => health.set({ host }, connected ? 1 : 0),
    lastSynced: (ms) => synced.set(ms / 1000),
    invalidated: (reason) => invalidations.inc({ reason }),
  };
}
