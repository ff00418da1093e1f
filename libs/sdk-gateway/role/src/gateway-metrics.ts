import { counter, type Registry } from '@relay/metrics';
import { streamNames } from '@relay/redis-contract';

/** `error` label of `ff_proxy_replica_metrics_stream_producer_messages_published` (spec/observability.md §1). */
export type PublishOutcome = 'false' | 'err_publishing';

/** Instruments sdk-gateway records itself (spec/observability.md §2.1, §2.3). */
export interface GatewayMetrics {
  /** Served from a held snapshot without building anything. */
  memoizeHit(): void;
  /** Served from a snapshot after building a derived body (segment variant, per-item bytes). */
  memoizeHitWithUnmarshal(): void;
  /** No valid snapshot: Redis had to be read for the data. */
  memoizeMiss(): void;
  /** A snapshot or a derived body was built and kept. */
  memoizeWriteMarshal(): void;
  /** A flag could not be evaluated (left out of a list, or a 500). */
  evaluationFailed(envId: string): void;
  /** One `XADD` to `stream:sdk_metrics`. */
  metricsPublished(outcome: PublishOutcome): void;
}

/** Creates {@link GatewayMetrics} on `registry` (idempotent per registry, so the all-in-one shares them). */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  const plain = (name: string, help: string) => counter(registry, { name, help });
  const hit = plain('ff_proxy_memoize_cache_hit', 'Responses served from an in-process snapshot');
  const hitWithUnmarshal = plain('ff_proxy_memoize_cache_hit_with_unmarshal', 'Snapshot responses that first built a derived body');
  const miss = plain('ff_proxy_memoize_cache_miss', 'Requests that read Redis because no valid snapshot existed');
  const writeMarshal = plain('ff_proxy_memoize_cache_write_marshal', 'Snapshots and derived bodies built');
  const failures = counter(registry, {
    name: 'ff_proxy_evaluation_failures_total',
    help: 'Flags that could not be evaluated',
    labelNames: ['envID'],
  });
  const published = counter(registry, {
    name: 'ff_proxy_replica_metrics_stream_producer_messages_published',
    help: 'XADDs to stream:sdk_metrics',
    labelNames: ['topic', 'error'],
  });
  return {
    memoizeHit: () => hit.inc(),
    memoizeHitWithUnmarshal: () => hitWithUnmarshal.inc(),
    memoizeMiss: () => miss.inc(),
    memoizeWriteMarshal: () => writeMarshal.inc(),
    evaluationFailed: (envID) => failures.inc({ envID }),
    metricsPublished: (error) => published.inc({ topic: streamNames.sdkMetrics, error }),
  };
}
