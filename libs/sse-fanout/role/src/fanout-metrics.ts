import { counter, gauge, type Registry } from '@relay/metrics';

/** Why an SDK stream ended (`reason` of `ff_proxy_sdk_sse_connections_closed_total`, spec/observability.md §2.3). */
export type CloseReason =
  'client_disconnect' | 'environment_removed' | 'api_key_removed' | 'proxy_key_deleted' | 'shutdown' | 'slow_consumer';

/** Instruments sse-fanout records (spec/observability.md §2.1, §2.3). */
export interface FanoutMetrics {
  /** `ff_proxy_sdk_sse_connections{envID}`: the open streams of an environment. */
  connections(envId: string, count: number): void;
  /** `ff_proxy_sdk_sse_connections_closed_total{reason}`. */
  closed(reason: CloseReason): void;
  /** `ff_proxy_replica_to_sdk_sse_producer_messages_published{topic=envID}`: once per frame broadcast to an environment. */
  published(envId: string, frames?: number): void;
}

/** Creates {@link FanoutMetrics} on `registry` (idempotent per registry, so the all-in-one shares the series). */
export function createFanoutMetrics(registry: Registry): FanoutMetrics {
  const open = gauge(registry, {
    name: 'ff_proxy_sdk_sse_connections',
    help: 'Open SDK streams per environment',
    labelNames: ['envID'],
  });
  const closed = counter(registry, {
    name: 'ff_proxy_sdk_sse_connections_closed_total',
    help: 'SDK streams ended, by reason',
    labelNames: ['reason'],
  });
  const published = counter(registry, {
    name: 'ff_proxy_replica_to_sdk_sse_producer_messages_published',
    help: 'Frames broadcast to the SDK streams of an environment',
    labelNames: ['topic', 'error'],
  });
  return {
    connections: (envId, count) => open.set({ envID: envId }, count),
    closed: (reason) => closed.inc({ reason }),
    published: (envId, frames = 1) => published.inc({ topic: envId, error: 'false' }, frames),
  };
}
