import type { Clock } from '@relay/lifecycle';
import type { SseConnection } from './sse-connection';

/** Shortest pause between two batches of ended streams, in ms. */
const MIN_STEP_MS = 20;

/**
 * Ends `connections` with reason `shutdown`, spread evenly over `spreadMs` (spec/sdk-api.md §8.5:
 * `min(5 s, SHUTDOWN_TIMEOUT/2)`), so the SDKs' reconnects do not hit the other instances at once.
 * The first batch ends at once, the last one before `spreadMs`; resolves after the last batch.
 */
export function spreadEnds(connections: readonly SseConnection[], spreadMs: number, clock: Clock): Promise<void> {
  const total = connections.length;
  if (total === 0) return Promise.resolve();
  const batches = Math.max(1, Math.min(total, Math.floor(spreadMs / MIN_STEP_MS)));
  const size = Math.ceil(total / batches);
  const stepMs = spreadMs / batches;
  return new Promise((resolve) => {
    let ended = 0;
    const endBatch = (): void => {
      for (const connection of connections.slice(ended, ended + size)) connection.end('shutdown');
      ended += size;
      if (ended >= total) resolve();
      else clock.setTimeout(endBatch, stepMs);
    };
    endBatch();
  });
}
