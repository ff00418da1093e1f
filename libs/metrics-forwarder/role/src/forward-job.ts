import type { MetricsBody } from './metrics-poster';

/**
 * The work of one flush for one environment (spec/saas-api.md §6.4): its merged `metricsData` and
 * its `targetData` as separate POST bodies, the stream entry ids they carry, and what retries need.
 */
export interface ForwardJob {
  envId: string;
  /** Bodies still to be sent, in order: `metricsData` first, then `targetData`; an empty part is never sent. */
  parts: MetricsBody[];
  /** Ids of the stream entries whose data the job carries; acknowledged once the job is resolved. */
  ids: string[];
  /** Millisecond part of the oldest entry id: the age limit counts from it (`METRICS_MAX_RETRY_AGE`). */
  oldestMs: number;
  /** Batch bytes of the job's entries (UTF-8 length of their `event` values), for backpressure. */
  bytes: number;
  /** Failed attempts so far; the next backoff is 1 s × 2^failedAttempts, capped at 60 s. */
  failedAttempts: number;
  /** Whether the job's entries were already counted in `ff_proxy_metrics_dropped_total`. */
  dropCounted: boolean;
}

/** Number of items of a POST body. */
export function bodyItemCount(body: MetricsBody): number {
  return 'metricsData' in body ? body.metricsData.length : body.targetData.length;
}
