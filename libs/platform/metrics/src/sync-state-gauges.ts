import type { Gauge, Registry } from 'prom-client';
import { gauge } from './instruments';

/**
 * `ff_proxy_stream_health{host}`: 1 when the SaaS stream is CONNECTED. Set by saas-sync for its own stream and by
 * sdk-gateway/sse-fanout for the state they follow (spec/observability.md §2.2); one definition for all three.
 */
export function streamHealthGauge(registry: Registry): Gauge<'host'> {
  return gauge(registry, { name: 'ff_proxy_stream_health', help: '1 when the SaaS stream is CONNECTED', labelNames: ['host'] });
}

/** `ff_proxy_config_last_synced_timestamp_seconds`: `ffproxy_config_status.lastSyncedAt` / 1000 (spec/observability.md §2.3). */
export function lastSyncedGauge(registry: Registry): Gauge {
  return gauge(registry, { name: 'ff_proxy_config_last_synced_timestamp_seconds', help: 'ffproxy_config_status.lastSyncedAt in seconds' });
}
