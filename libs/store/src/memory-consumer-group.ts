import type { StreamId } from '@relay/redis-contract';
import type { AutoClaimResult, ConsumerInfo, GroupInfo, StreamEntry } from './event-stream';
import { compareIds, formatId, ZERO_ID } from './memory-stream-id';
import type { MemoryStream, StoredEntry } from './memory-stream';

interface PendingEntry {
  key: StreamId;
  consumer: string;
  deliveredAtMs: number;
  deliveryCount: number;
}

/** What a claim needs: the stream, the claiming consumer, the idle threshold and the time. */
export interface ClaimContext {
  stream: MemoryStream;
  consumer: string;
  minIdleMs: number;
  nowMs: number;
}

interface Consumer {
  seenAtMs: number;
  pending: Set<string>;
}

const toEntry = ({ id, event }: StoredEntry): StreamEntry => ({ id, event });

/**
 * One consumer group of the in-memory adapter with Redis 7.0 semantics (spec/redis-contract.md §10.10):
 * a pending-entries list in id order, consumers created on their first delivery or claim (which also
 * refreshes their idle time), and `entries-read` / `lag` computed as Redis does.
 */
export class MemoryConsumerGroup {
  private lastId: StreamId = ZERO_ID;
  /** `entries-read`; `undefined` is Redis' "invalid" counter (a group created at `0`). */
  private entriesRead: number | undefined = undefined;
  /** Ordered by id: new deliveries always have greater ids and claims keep their place. */
  private readonly pel = new Map<string, PendingEntry>();
  private readonly members = new Map<string, Consumer>();

  /** `XREADGROUP … >`: up to `count` entries after the last delivered one, now pending for `consumer`. */
  readNew(stream: MemoryStream, consumer: string, count: number, nowMs: number): StreamEntry[] {
    const entries = stream.after(this.lastId, count);
    if (entries.length === 0) return [];
    const member = this.touch(consumer, nowMs);
    for (const entry of entries) {
      const known = this.entriesRead;
      this.entriesRead = known !== undefined ? known + 1 : stream.estimateEntriesRead(entry.key);
      this.lastId = entry.key;
      this.release(entry.id);
      this.pel.set(entry.id, { key: entry.key, consumer, deliveredAtMs: nowMs, deliveryCount: 1 });
      member.pending.add(entry.id);
    }
    return entries.map(toEntry);
  }

  /** `XACK`: how many of `ids` were pending. */
  ack(ids: readonly StreamId[]): number {
    return ids.filter((id) => this.release(formatId(id))).length;
  }

  /** `XCLAIM … JUSTID`: ids idle ≥ `minIdleMs` move to `consumer`, idle reset, delivery count unchanged. */
  claim({ stream, consumer, minIdleMs, nowMs }: ClaimContext, ids: readonly StreamId[]): string[] {
    const claimed: string[] = [];
    for (const key of ids) {
      const id = formatId(key);
      const pending = this.pel.get(id);
      if (!pending) continue;
      // Redis 7.0 drops pending ids whose entry was trimmed instead of claiming them.
      if (!stream.has(key)) {
        this.release(id);
        continue;
      }
      if (nowMs - pending.deliveredAtMs < minIdleMs) continue;
      this.moveTo(pending, id, consumer, nowMs);
      claimed.push(id);
    }
    return claimed;
  }

  /** `XAUTOCLAIM` (without JUSTID) following Redis 7.0: at most `count` results, `10 × count` attempts. */
  autoClaim({ stream, consumer, minIdleMs, nowMs }: ClaimContext, cursor: StreamId, count: number): AutoClaimResult {
    const candidates = [...this.pel.entries()].filter(([, pending]) => compareIds(pending.key, cursor) >= 0);
    const entries: StreamEntry[] = [];
    const deletedIds: string[] = [];
    let attempts = count * 10;
    let remaining = count;
    let index = 0;
    for (; index < candidates.length && attempts > 0 && remaining > 0; index += 1, attempts -= 1) {
      const [id, pending] = candidates[index] as [string, PendingEntry];
      const position = stream.indexAfter(pending.key) - 1;
      const entry = stream.entries[position];
      if (!entry || entry.id !== id) {
        this.release(id);
        deletedIds.push(id);
        remaining -= 1;
        continue;
      }
      if (nowMs - pending.deliveredAtMs < minIdleMs) continue;
      this.moveTo(pending, id, consumer, nowMs);
      pending.deliveryCount += 1;
      entries.push(toEntry(entry));
      remaining -= 1;
    }
    const next = candidates[index];
    return { nextCursor: next ? next[0] : formatId(ZERO_ID), entries, deletedIds };
  }

  /** `XINFO GROUPS` fields of this group. */
  info(stream: MemoryStream): GroupInfo {
    let lag: number | undefined;
    if (stream.addedCount === 0) lag = 0;
    else {
      const read = this.entriesRead ?? stream.estimateEntriesRead(this.lastId);
      lag = read === undefined ? undefined : stream.addedCount - read;
    }
    return { entriesRead: this.entriesRead, lag, pending: this.pel.size };
  }

  /** `XINFO CONSUMERS`, ordered by name like Redis. */
  consumers(nowMs: number): ConsumerInfo[] {
    return [...this.members.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, member]) => ({ name, pending: member.pending.size, idleMs: nowMs - member.seenAtMs }));
  }

  /** `XGROUP DELCONSUMER`: the number of pending entries dropped with the consumer. */
  deleteConsumer(consumer: string): number {
    const member = this.members.get(consumer);
    if (!member) return 0;
    const dropped = member.pending.size;
    for (const id of [...member.pending]) this.release(id);
    this.members.delete(consumer);
    return dropped;
  }

  private touch(consumer: string, nowMs: number): Consumer {
    const member = this.members.get(consumer) ?? { seenAtMs: nowMs, pending: new Set<string>() };
    member.seenAtMs = nowMs;
    this.members.set(consumer, member);
    return member;
  }

  private moveTo(pending: PendingEntry, id: string, consumer: string, nowMs: number): void {
    this.members.get(pending.consumer)?.pending.delete(id);
    this.touch(consumer, nowMs).pending.add(id);
    pending.consumer = consumer;
    pending.deliveredAtMs = nowMs;
  }

  private release(id: string): boolean {
    const pending = this.pel.get(id);
    if (!pending) return false;
    this.pel.delete(id);
    this.members.get(pending.consumer)?.pending.delete(id);
    return true;
  }
}
