import type { StreamTimings } from './fanout-client-pool';

/** The comment-before-event guard of spec/sdk-api.md §8.4 rule 3, in ms. */
export const COMMENT_GUARD_MS = 250;

const round = (value: number) => Number(value.toFixed(1));

/** The `q` quantile (0–1) of ascending `sorted`, nearest rank; `null` for an empty list. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!);
}

function latencyFigures(prefix: string, latencies: number[]): Record<string, number | null> {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    [`${prefix}P50Ms`]: quantile(sorted, 0.5),
    [`${prefix}P99Ms`]: quantile(sorted, 0.99),
    [`${prefix}MaxMs`]: quantile(sorted, 1),
  };
}

/**
 * Delivery figures of one published event: latency from publishing to arrival over every stream, and
 * separately for the streams whose last comment arrived less than 250 ms before the event was published
 * (their frame waited in the guard's queue) and for the others.
 */
export function deliveryFigures(timings: readonly StreamTimings[], publishedAt: number): Record<string, number | null> {
  const arrived = timings.filter(
    (slot): slot is Required<StreamTimings> & { eventAt: number } => slot.eventAt !== undefined,
  );
  const latency = (slot: StreamTimings) => (slot.eventAt as number) - publishedAt;
  const held = arrived.filter(
    (slot) => slot.lastCommentAt !== undefined && publishedAt - slot.lastCommentAt < COMMENT_GUARD_MS,
  );
  const heldSet = new Set(held);
  const free = arrived.filter((slot) => !heldSet.has(slot));
  return {
    received: arrived.length,
    missing: timings.length - arrived.length,
    ...latencyFigures('latency', arrived.map(latency)),
    guardHeldStreams: held.length,
    guardHeldShare: arrived.length === 0 ? null : Number((held.length / arrived.length).toFixed(4)),
    ...latencyFigures('guardHeld', held.map(latency)),
    ...latencyFigures('unguarded', free.map(latency)),
  };
}
