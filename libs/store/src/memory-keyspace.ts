import type { Clock } from '@relay/lifecycle';
import { wrongTypeError } from './memory-errors';
import { MemoryStream } from './memory-stream';

interface StringValue {
  type: 'string';
  value: string;
  /** Epoch ms after which the key no longer exists; `undefined` = no TTL. */
  expiresAtMs: number | undefined;
}

interface StreamValue {
  type: 'stream';
  stream: MemoryStream;
}

type StoredValue = StringValue | StreamValue;

/**
 * The one keyspace behind the in-memory `ConfigCache` and `EventStream`: like Redis, strings and
 * streams share it, so `WRONGTYPE`, `EXISTS`, `DEL` and `SCAN` see both. TTLs are checked against the
 * clock when a key is touched (Redis: a key exists until `now > expiry`). Blocking readers watch keys.
 */
export class MemoryKeyspace {
  private readonly values = new Map<string, StoredValue>();
  private readonly watchers = new Map<string, Set<() => void>>();

  constructor(readonly clock: Clock) {}

  private live(key: string): StoredValue | undefined {
    const value = this.values.get(key);
    if (value?.type === 'string' && value.expiresAtMs !== undefined && this.clock.now() > value.expiresAtMs) {
      this.values.delete(key);
      return undefined;
    }
    return value;
  }

  exists(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /** The string at `key`; throws `WRONG_TYPE` for a stream. */
  stringAt(key: string): StringValue | undefined {
    const value = this.live(key);
    if (value?.type === 'stream') throw wrongTypeError();
    return value;
  }

  /** The stream at `key`; throws `WRONG_TYPE` for a string. */
  streamAt(key: string): MemoryStream | undefined {
    const value = this.live(key);
    if (value?.type === 'string') throw wrongTypeError();
    return value?.stream;
  }

  /** The stream at `key`, created empty when missing (`XADD`, `MKSTREAM`). */
  streamOrCreate(key: string): MemoryStream {
    const existing = this.streamAt(key);
    if (existing) return existing;
    const stream = new MemoryStream();
    this.values.set(key, { type: 'stream', stream });
    return stream;
  }

  /** `SET`: replaces a value of any type. */
  setString(key: string, value: string, expiresAtMs: number | undefined): void {
    this.values.set(key, { type: 'string', value, expiresAtMs });
    this.notify(key);
  }

  remove(key: string): boolean {
    const existed = this.live(key) !== undefined;
    this.values.delete(key);
    if (existed) this.notify(key);
    return existed;
  }

  /** Every live key, in no particular order. */
  keys(): string[] {
    return [...this.values.keys()].filter((key) => this.live(key) !== undefined);
  }

  /** Calls `listener` whenever `key` changes until the returned function is called. */
  watch(key: string, listener: () => void): () => void {
    const listeners = this.watchers.get(key) ?? new Set<() => void>();
    listeners.add(listener);
    this.watchers.set(key, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.watchers.delete(key);
    };
  }

  /** Wakes the watchers of `key` (an append, a replaced or deleted key). */
  notify(key: string): void {
    for (const listener of [...(this.watchers.get(key) ?? [])]) listener();
  }
}
