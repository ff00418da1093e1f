import type { StreamId } from '@relay/redis-contract';
import type { StreamEntry, StreamInfo } from './event-stream';
import type { MemoryConsumerGroup } from './memory-consumer-group';
import { compareIds, formatId, ZERO_ID } from './memory-stream-id';

/** One stored entry with its parsed id. */
export interface StoredEntry extends StreamEntry {
  key: StreamId;
}

/**
 * One stream of the in-memory adapter, kept the way Redis ≥ 7.0 keeps it (spec/redis-contract.md
 * §10.6–7): auto ids `max(nowMs, lastMs)`, exact `MAXLEN` trimming, the `entries-added` counter and
 * `max-deleted-entry-id`, which only `XDEL` would move (the ports never delete entries).
 */
export class MemoryStream {
  /** Entries, oldest first (ids strictly increasing). */
  readonly entries: StoredEntry[] = [];
  readonly groups = new Map<string, MemoryConsumerGroup>();
  private lastId: StreamId = ZERO_ID;
  private entriesAdded = 0;
  private readonly maxDeletedId: StreamId = ZERO_ID;

  /** `XADD <key> MAXLEN <maxLen> * event <event>`; returns the new id. */
  append(nowMs: number, event: string, maxLen: number): string {
    // Redis streamNextID: a clock that went backwards keeps the last millisecond and bumps the sequence.
    const key = nowMs > this.lastId.ms ? { ms: nowMs, seq: 0 } : { ms: this.lastId.ms, seq: this.lastId.seq + 1 };
    const id = formatId(key);
    this.entries.push({ id, event, key });
    this.lastId = key;
    this.entriesAdded += 1;
    if (this.entries.length > maxLen) this.entries.splice(0, this.entries.length - maxLen);
    return id;
  }

  /** Index of the first entry whose id is greater than `id`. */
  indexAfter(id: StreamId): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareIds((this.entries[middle] as StoredEntry).key, id) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Up to `count` entries with an id greater than `id`, oldest first (`count` ≤ 0: no limit). */
  after(id: StreamId, count: number): StoredEntry[] {
    const start = this.indexAfter(id);
    return this.entries.slice(start, count > 0 ? start + count : undefined);
  }

  /** Whether an entry with exactly this id is still in the stream. */
  has(id: StreamId): boolean {
    const index = this.indexAfter(id) - 1;
    return index >= 0 && compareIds((this.entries[index] as StoredEntry).key, id) === 0;
  }

  newest(): StoredEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  get addedCount(): number {
    return this.entriesAdded;
  }

  /** `XINFO STREAM` fields. */
  info(): StreamInfo {
    return {
      length: this.entries.length,
      entriesAdded: this.entriesAdded,
      maxDeletedEntryId: formatId(this.maxDeletedId),
      firstEntryId: this.entries[0]?.id,
      lastEntryId: this.newest()?.id,
    };
  }

  /**
   * How many entries had been added up to and including `id` (Redis
   * `streamEstimateDistanceFromFirstEverEntry`), `undefined` when it cannot be known. Used for the
   * consumer-group `entries-read` and `lag` (§4.4 step 8). Without `XDEL` there are no tombstones.
   */
  estimateEntriesRead(id: StreamId): number | undefined {
    if (this.entriesAdded === 0) return 0;
    const versusLast = compareIds(id, this.lastId);
    if (this.entries.length === 0 && versusLast <= 0) return this.entriesAdded;
    if (versusLast === 0) return this.entriesAdded;
    if (versusLast > 0) return undefined;
    const versusFirst = compareIds(id, (this.entries[0] as StoredEntry).key);
    if (versusFirst < 0) return this.entriesAdded - this.entries.length;
    if (versusFirst === 0) return this.entriesAdded - this.entries.length + 1;
    return undefined;
  }
}
