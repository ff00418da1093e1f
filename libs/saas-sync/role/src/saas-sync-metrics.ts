import { hostname } from 'node:os';
import { counter, gauge, histogram, lastSyncedGauge, streamHealthGauge, type Registry } from '@relay/metrics';

/** Full sync triggers (spec/saas-api.md §3). */
export type SyncTrigger = 'leader' | 'reconnect' | 'poll' | 'resync' | 'environment_added' | 'offline';

/** The instruments of saas-sync (spec/observability.md §2). */
export interface SaasSyncMetrics {
  leader(held: boolean): void;
  fullSync(trigger: SyncTrigger, success: boolean, seconds: number): void;
  handlerFailed(domain: string, event: string): void;
  foreignInventories(count: number): void;
  /** A SaaS stream event with data; `error` ∈ false, err_parsing_message, unexpected_error. */
  eventReceived(error: string): void;
  /** An append to `topic`. */
  published(topic: string, failed: boolean): void;
  streamHealth(connected: boolean): void;
  polling(active: boolean): void;
  streamAttempt(): void;
  lastSynced(ms: number): void;
}

/** Creates {@link SaasSyncMetrics} on `registry` (idempotent per registry). */
export function createSaasSyncMetrics(registry: Registry): SaasSyncMetrics {
  const host = hostname();
  const leader = gauge(registry, { name: 'ff_proxy_saas_sync_leader', help: '1 while holding the leader lease', labelNames: ['host'] });
  const syncs = counter(registry, { name: 'ff_proxy_saas_full_sync_total', help: 'Full syncs by trigger and result', labelNames: ['trigger', 'result'] });
  const syncDuration = histogram(registry, {
    name: 'ff_proxy_saas_full_sync_duration_seconds',
    help: 'Full sync duration (s)',
    labelNames: ['trigger'],
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  });
  const failures = counter(registry, {
    name: 'ff_proxy_saas_event_handler_failures_total',
    help: 'SaaS events whose handler failed after its retries',
    labelNames: ['domain', 'event'],
  });
  const foreign = gauge(registry, { name: 'ff_proxy_foreign_inventories', help: 'Inventories of other proxy keys found at leader start' });
  const received = counter(registry, {
    name: 'ff_proxy_saas_to_primary_sse_consumer_messages_received',
    help: 'SaaS stream events with data',
    labelNames: ['topic', 'error'],
  });
  const published = counter(registry, {
    name: 'ff_proxy_primary_to_replica_sse_producer_messages_published',
    help: 'Entries appended to proxy:sse_events and ffproxy_saas_stream_health',
    labelNames: ['topic', 'error'],
  });
  const health = streamHealthGauge(registry);
  const polling = gauge(registry, { name: 'ff_proxy_polling_status', help: '1 while polling because the SaaS stream is down', labelNames: ['host'] });
  const attempts = counter(registry, {
    name: 'ff_proxy_saas_to_primary_sse_consumer_subscription_requests',
    help: 'SaaS stream connection attempts',
    labelNames: ['topic'],
  });
  const lastSynced = lastSyncedGauge(registry);
  return {
    leader: (held) => leader.set({ host }, held ? 1 : 0),
    fullSync(trigger, success, seconds) {
      syncs.inc({ trigger, result: success ? 'success' : 'failure' });
      syncDuration.observe({ trigger }, seconds);
    },
    handlerFailed: (domain, event) => failures.inc({ domain, event }),
    foreignInventories: (count) => foreign.set(count),
    eventReceived: (error) => received.inc({ topic: '*', error }),
    published: (topic, failed) => published.inc({ topic, error: String(failed) }),
    streamHealth: (connected) => health.set({ host }, connected ? 1 : 0),
    polling: (active) => polling.set({ host }, active ? 1 : 0),
    streamAttempt: () => attempts.inc({ topic: '*' }),
    lastSynced: (ms) => lastSynced.set(ms / 1000),
  };
}
