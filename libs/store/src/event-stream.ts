import type { StreamName } from '@relay/redis-contract';

/** One stream entry: its id and the value of its single field `event` (spec/redis-contract.md §4.1). */
export interface StreamEntry {
  id: string;
  event: string;
}

/** `XINFO STREAM` fields the services use. */
export interface StreamInfo {
  length: number;
  entriesAdded: number;
  /** `max-deleted-entry-id`; `MAXLEN` trimming leaves it unchanged, only `XDEL` sets it. */
  maxDeletedEntryId: string;
  firstEntryId: string | undefined;
  lastEntryId: string | undefined;
}

/** `XINFO GROUPS` fields of one group. */
export interface GroupInfo {
  /** `entries-read`, `undefined` when Redis reports nil. */
  entriesRead: number | undefined;
  /** `lag`, `undefined` when Redis reports nil. */
  lag: number | undefined;
  pending: number;
}

/** `XINFO CONSUMERS` fields of one consumer. */
export interface ConsumerInfo {
  name: string;
  pending: number;
  idleMs: number;
}

/** Result of one `XAUTOCLAIM` page. */
export interface AutoClaimResult {
  /** Cursor for the next page; `0-0` when done. */
  nextCursor: string;
  entries: StreamEntry[];
  /** Ids that were pending but are no longer in the stream (trimmed). */
  deletedIds: string[];
}

/** Options of a blocking read. */
export interface BlockingReadOptions {
  count: number;
  /** Longest wait in ms (`BLOCK`); never 0. */
  blockMs: number;
}

/**
 * A blocking reader of one stream with a connection of its own (spec/redis-contract.md §8.3): a
 * blocking `XREAD` holds its connection. Close it when its loop ends.
 */
export interface StreamReader {
  /** Entries with an id greater than `afterId` (at most `count`), waiting up to `blockMs`; `[]` after the wait. */
  read(afterId: string, options: BlockingReadOptions): Promise<StreamEntry[]>;
  close(): Promise<void>;
}

/** A blocking consumer-group reader with a connection of its own. */
export interface GroupReader {
  /** `XREADGROUP GROUP <group> <consumer> COUNT n BLOCK ms STREAMS <stream> >`. */
  read(options: BlockingReadOptions): Promise<StreamEntry[]>;
  close(): Promise<void>;
}

/**
 * The streams port (spec/redis-contract.md §4): append, newest, range, info, blocking readers and
 * consumer groups. Every call names one stream. Failures reject with a {@link StoreError}.
 */
export interface EventStream {
  /** `XADD <stream> MAXLEN <maxLen> * event <event>` (exact trimming); returns the new id. */
  append(stream: StreamName, event: string, maxLen: number): Promise<string>;
  /** The newest entry (`XREVRANGE + - COUNT 1`), `undefined` when the stream is empty or missing. */
  newest(stream: StreamName): Promise<StreamEntry | undefined>;
  /** Entries after `afterId` (exclusive), oldest first, at most `count` (`XRANGE (<id> + COUNT n`). */
  rangeAfter(stream: StreamName, afterId: string, count: number): Promise<StreamEntry[]>;
  /** `XINFO STREAM`; `undefined` when the stream does not exist. */
  info(stream: StreamName): Promise<StreamInfo | undefined>;
  /** A blocking reader with its own connection. */
  openReader(stream: StreamName): StreamReader;
  /** `XGROUP CREATE <stream> <group> 0 MKSTREAM`: true when created, false when it existed (BUSYGROUP). */
  createGroup(stream: StreamName, group: string): Promise<boolean>;
  /** A blocking group reader for `consumer`, with its own connection. */
  openGroupReader(stream: StreamName, group: string, consumer: string): GroupReader;
  /** `XACK`; returns how many were acknowledged. */
  ack(stream: StreamName, group: string, ids: readonly string[]): Promise<number>;
  /** `XCLAIM <stream> <group> <consumer> <minIdleMs> <ids…> JUSTID`; returns the claimed ids. */
  claim(stream: StreamName, group: string, consumer: string, minIdleMs: number, ids: readonly string[]): Promise<string[]>;
  /** `XAUTOCLAIM <stream> <group> <consumer> <minIdleMs> <cursor> COUNT <count>`. */
  autoClaim(stream: StreamName, group: string, consumer: string, minIdleMs: number, cursor: string, count: number): Promise<AutoClaimResult>;
  /** `XINFO GROUPS` for `group`; `undefined` when the stream or group does not exist. */
  groupInfo(stream: StreamName, group: string): Promise<GroupInfo | undefined>;
  /** `XINFO CONSUMERS`. */
  consumers(stream: StreamName, group: string): Promise<ConsumerInfo[]>;
  /** `XGROUP DELCONSUMER`; returns the consumer's pending count that was dropped. */
  deleteConsumer(stream: StreamName, group: string, consumer: string): Promise<number>;
}
