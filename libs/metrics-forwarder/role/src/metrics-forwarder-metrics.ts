import { streamNames } from '@relay/redis-contract';
import { counter, gauge, type Registry } from '@relay/metrics';
import type { MetricsItem } from './metrics-poster';

/** Why stream entries' data was given up (`ff_proxy_metrics_dropped_total{reason}`, decision 8). */
export type DropReason = 'malformed' | 'expired' | 'rejected' | 'trimmed';

/** The instruments of metrics-forwarder (spec/observability.md §2). */
export interface MetricsForwarderMetrics {
  /** One metrics POST answered (`failed` = anything but 2xx, or no answer). */
  forwarded(envId: string, failed: boolean): void;
  /** +1 `ff_proxy_sdk_usage` per `metricsData` item of an accepted POST. */
  sdkUsage(envId: string, items: readonly MetricsItem[]): void;
  /** An entry read or claimed; `malformed` entries count with `error="err_parsing_message"`. */
  received(malformed: boolean): void;
  /** A (re)start of an `XREADGROUP` loop. */
  subscribed(): void;
  dropped(envId: string, reason: DropReason, count: number): void;
  /** A metrics POST sent again after a failure. */
  retried(envId: string): void;
  /** `lag` of the group; −1 when Redis cannot tell. */
  lag(value: number): void;
  pending(value: number): void;
  batchBytes(value: number): void;
}

const attribute = (item: MetricsItem, key: string): string | undefined =>
  item.attributes.find((a) => a.key === key)?.value;

/** Creates {@link MetricsForwarderMetrics} on `registry` (idempotent per registry). */
export function createMetricsForwarderMetrics(registry: Registry): MetricsForwarderMetrics {
  const topic = streamNames.sdkMetrics;
  const forwarded = counter(registry, {
    name: 'ff_proxy_metrics_forwarded',
    help: 'Metrics POSTs to SaaS (each retry counts)',
    labelNames: ['envID', 'error'],
  });
  const usage = counter(registry, {
    name: 'ff_proxy_sdk_usage',
    help: 'metricsData items accepted by SaaS, by SDK',
    labelNames: ['envID', 'sdk_type', 'sdk_version', 'sdk_language'],
  });
  const received = counter(registry, {
    name: 'ff_proxy_primary_metrics_stream_consumer_messages_received',
    help: 'Entries read or claimed from stream:sdk_metrics',
    labelNames: ['topic', 'error'],
  });
  const subscriptions = counter(registry, {
    name: 'ff_proxy_primary_metrics_stream_consumer_subscription_requests',
    help: '(Re)starts of XREADGROUP loops on stream:sdk_metrics',
    labelNames: ['topic'],
  });
  const dropped = counter(registry, {
    name: 'ff_proxy_metrics_dropped_total',
    help: 'Stream entries (and malformed items) whose data was given up',
    labelNames: ['envID', 'reason'],
  });
  const retries = counter(registry, {
    name: 'ff_proxy_metrics_post_retries_total',
    help: 'Metrics POSTs retried after a failure',
    labelNames: ['envID'],
  });
  const lag = gauge(registry, {
    name: 'ff_proxy_metrics_stream_lag',
    help: 'lag of group metrics-forwarder (-1 when unknown)',
  });
  const pending = gauge(registry, {
    name: 'ff_proxy_metrics_pending_entries',
    help: 'pending entries of group metrics-forwarder',
  });
  const batchBytes = gauge(registry, {
    name: 'ff_proxy_metrics_batch_bytes',
    help: 'Size of the current metrics batch in bytes',
  });
  return {
    forwarded: (envID, failed) => forwarded.inc({ envID, error: String(failed) }),
    sdkUsage(envID, items) {
      for (const item of items) {
        usage.inc({
          envID,
          sdk_type: attribute(item, 'SDK_TYPE') ?? '',
          sdk_version: attribute(item, 'SDK_VERSION') ?? attribute(item, 'JAR_VERSION') ?? '',
          sdk_language: attribute(item, 'SDK_LANGUAGE') ?? '',
        });
      }
    },
    received: (malformed) => received.inc({ topic, error: malformed ? 'err_parsing_message' : 'false' }),
    subscribed: () => subscriptions.inc({ topic }),
    dropped(envID, reason, count) {
      if (count > 0) dropped.inc({ envID, reason }, count);
    },
    retried: (envID) => retries.inc({ envID }),
    lag: (value) => lag.set(value),
    pending: (value) => pending.set(value),
    batchBytes: (value) => batchBytes.set(value),
  };
}
