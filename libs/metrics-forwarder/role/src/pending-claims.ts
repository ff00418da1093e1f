import { METRICS_CONSUMER_GROUP, STREAM_START_ID, streamNames } from '@relay/redis-contract';
import type { EventStream, StreamEntry } from '@relay/store';
import type { Logger } from '@relay/logging';
import { chunk } from './entry-acker';
import type { MetricsForwarderMetrics } from './metrics-forwarder-metrics';

/** Dependencies of {@link createPendingClaims}. */
export interface PendingClaimsDeps {
  events: EventStream;
  /** This process's consumer name: its instance id. */
  consumer: string;
  logger: Logger;
  metrics: MetricsForwarderMetrics;
  /** Ids this process has read or claimed and not yet acknowledged. */
  heldIds(): string[];
  isHeld(id: string): boolean;
  /** Claimed entries, to be processed as if newly read. */
  onClaimed(entries: StreamEntry[]): void;
  /** False while backpressure pauses reading: takeover waits for the next round. */
  canTakeOver(): boolean;
  /** `XAUTOCLAIM` min-idle in ms (default 60 000, spec/redis-contract.md §4.4 step 7). */
  minIdleMs: number;
}

/** The two claim rounds of spec/redis-contract.md §4.4 steps 6 and 7. */
export interface PendingClaims {
  /** `XCLAIM … <consumer> 0 <ids…> JUSTID` of every held id, so no other forwarder takes them over. */
  keepAlive(): Promise<void>;
  /** `XAUTOCLAIM … <minIdleMs>` pages until the cursor is `0-0`: entries of a dead forwarder become ours. */
  takeOver(): Promise<void>;
}

const CLAIM_COUNT = 100;

/** Creates {@link PendingClaims} for group `metrics-forwarder` on `stream:sdk_metrics`. */
export function createPendingClaims(deps: PendingClaimsDeps): PendingClaims {
  const { events, consumer, metrics, logger } = deps;
  const stream = streamNames.sdkMetrics;
  const group = METRICS_CONSUMER_GROUP;

  function countTrimmed(ids: readonly string[]): void {
    if (ids.length === 0) return;
    // Delivered to a forwarder that died, then trimmed before anyone posted them.
    metrics.dropped('', 'trimmed', ids.length);
    logger.error('metrics dropped', { envID: '', reason: 'trimmed', count: ids.length });
  }

  return {
    async keepAlive() {
      for (const ids of chunk(deps.heldIds(), 500)) await events.claim(stream, group, consumer, 0, ids);
    },
    async takeOver() {
      let cursor = STREAM_START_ID;
      do {
        if (!deps.canTakeOver()) return;
        const page = await events.autoClaim(stream, group, consumer, deps.minIdleMs, cursor, CLAIM_COUNT);
        countTrimmed(page.deletedIds);
        // Our own ids come back when a keep-alive round failed; their data is already in memory.
        const claimed = page.entries.filter((entry) => !deps.isHeld(entry.id));
        if (claimed.length > 0) {
          logger.info('metrics entries claimed', { count: claimed.length });
          deps.onClaimed(claimed);
        }
        cursor = page.nextCursor;
      } while (cursor !== STREAM_START_ID);
    },
  };
}
