import type { ForwardingLimits } from './forwarding-pipeline';

/** The fixed periods of spec/redis-contract.md §4.4, options so tests shrink them (§1.11). All in ms. */
export interface MetricsForwarderTimings {
  /** Keep-alive `XCLAIM` of own pending ids (step 6). Default 20 000. */
  reclaimIntervalMs: number;
  /** `XAUTOCLAIM` takeover round (step 7). Default 30 000. */
  autoClaimIntervalMs: number;
  /** `XAUTOCLAIM` min-idle (step 7). Default 60 000. */
  autoClaimMinIdleMs: number;
  /** Lag, pending and trim-loss sample (step 8). Default 30 000. */
  sampleIntervalMs: number;
  /** Consumer cleanup round (step 9). Default 600 000. */
  consumerCleanupIntervalMs: number;
  /** Idle time after which a consumer with nothing pending is deleted (step 9). Default 3 600 000. */
  consumerMaxIdleMs: number;
  /** `BLOCK` of each `XREADGROUP` (§4.1). Default 5000. */
  blockMs: number;
  /** Redis `PING` period for readiness (§9). Default 10 000. */
  pingIntervalMs: number;
}

/** The defaults of {@link MetricsForwarderTimings}. */
export const DEFAULT_METRICS_FORWARDER_TIMINGS: MetricsForwarderTimings = {
  reclaimIntervalMs: 20_000,
  autoClaimIntervalMs: 30_000,
  autoClaimMinIdleMs: 60_000,
  sampleIntervalMs: 30_000,
  consumerCleanupIntervalMs: 600_000,
  consumerMaxIdleMs: 3_600_000,
  blockMs: 5000,
  pingIntervalMs: 10_000,
};

/** The defaults of {@link ForwardingLimits} (spec/saas-api.md §6.4). */
export const DEFAULT_FORWARDING_LIMITS: ForwardingLimits = {
  flushBytes: 1_048_576,
  maxUnresolvedBytes: 16 * 1_048_576,
  maxInFlightJobs: 4,
};
