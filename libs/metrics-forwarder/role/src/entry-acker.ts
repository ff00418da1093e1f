import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import type { EventStream } from '@relay/store';
import type { Logger } from '@relay/logging';

/** At most this many ids per `XACK` (spec/redis-contract.md §4.4 step 5). */
export const MAX_IDS_PER_ACK = 500;

/**
 * Acknowledges stream entries whose data was posted or given up. A failed `XACK` (Redis down) is
 * kept and tried again by {@link EntryAcker.retry}; until then the ids stay held (and kept alive),
 * so no other forwarder takes them over and posts their data twice.
 */
export interface EntryAcker {
  ack(ids: readonly string[]): Promise<void>;
  /** Acknowledges again the ids whose `XACK` failed. */
  retry(): Promise<void>;
  /** Whether `id` waits for a repeated `XACK`. */
  has(id: string): boolean;
  /** Ids waiting for a repeated `XACK`. */
  ids(): string[];
  /** Resolves when no `XACK` is under way. */
  settled(): Promise<void>;
}

/** Splits `ids` into chunks of at most `size`. */
export function chunk<T>(ids: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
  return chunks;
}

/** Creates the {@link EntryAcker} of group `metrics-forwarder` on `stream:sdk_metrics`. */
export function createEntryAcker(events: EventStream, logger: Logger): EntryAcker {
  const failed = new Set<string>();
  const running = new Set<Promise<void>>();

  async function ackChunk(ids: string[]): Promise<void> {
    try {
      await events.ack(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP, ids);
      for (const id of ids) failed.delete(id);
    } catch (error) {
      for (const id of ids) failed.add(id);
      logger.warn('metrics ack failed', { count: ids.length, err: error });
    }
  }

  function track(ids: readonly string[]): Promise<void> {
    const work = Promise.all(chunk(ids, MAX_IDS_PER_ACK).map(ackChunk)).then(() => undefined);
    running.add(work);
    void work.finally(() => running.delete(work));
    return work;
  }

  return {
    ack: (ids) => track(ids),
    retry: () => (failed.size === 0 ? Promise.resolve() : track([...failed])),
    has: (id) => failed.has(id),
    ids: () => [...failed],
    settled: async () => {
      await Promise.all([...running]);
    },
  };
}
