/** Exponential backoff settings. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  initialMs: number;
  /** Upper bound of the delay before jitter, in ms. */
  maxMs: number;
  /** Relative jitter: 0.2 spreads each delay over ±20 %. Default 0. */
  jitter?: number;
}

/**
 * Delay before retry number `attempt` (0-based): `initialMs × 2^attempt`, capped at `maxMs`, then
 * spread by ±`jitter` using `random` (0 ≤ random() < 1).
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  const jitter = options.jitter ?? 0;
  return Math.round(base * (1 - jitter + 2 * jitter * random()));
}
