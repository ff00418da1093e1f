import type { RedisKey } from '@relay/redis-contract';
import { StoreError, type ConfigCache } from '@relay/store';

/** A {@link ConfigCache} wrapper for tests: counts reads, can fail every call, can hold reads of chosen keys. */
export interface ControllableCache extends ConfigCache {
  /** Keys read so far, in order. */
  readonly reads: RedisKey[];
  /** While true every call rejects with `UNAVAILABLE`, as a Redis outage would. */
  failing: boolean;
  /** Holds every `get` of a key matching `predicate` until the returned release function is called (then fails if `failing`). */
  hold(predicate: (key: RedisKey) => boolean): () => void;
}

/** Wraps `inner` in a {@link ControllableCache}. */
export function createControllableCache(inner: ConfigCache): ControllableCache {
  const reads: RedisKey[] = [];
  const holds: { predicate: (key: RedisKey) => boolean; released: Promise<void> }[] = [];
  const unavailable = () => new StoreError('UNAVAILABLE', 'connection is closed');
  const guard = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (cache.failing) throw unavailable();
      return call(...args);
    };
  const cache: ControllableCache = {
    reads,
    failing: false,
    hold(predicate) {
      let release!: () => void;
      holds.push({ predicate, released: new Promise<void>((resolve) => (release = resolve)) });
      return release;
    },
    async get(key) {
      if (cache.failing) throw unavailable();
      reads.push(key);
      for (const held of holds) if (held.predicate(key)) await held.released;
      if (cache.failing) throw unavailable(); // the outage began while the read was held
      return inner.get(key);
    },
    set: guard((key, value, options) => inner.set(key, value, options)),
    setIfAbsent: guard((key, value, options) => inner.setIfAbsent(key, value, options)),
    delete: guard((key) => inner.delete(key)),
    exists: guard((key) => inner.exists(key)),
    increment: guard((key) => inner.increment(key)),
    compareAndExpire: guard((key, expected, ttlMs) => inner.compareAndExpire(key, expected, ttlMs)),
    compareAndDelete: guard((key, expected) => inner.compareAndDelete(key, expected)),
    scan: guard((pattern) => inner.scan(pattern)),
    ping: guard(() => inner.ping()),
    evictionPolicies: () => inner.evictionPolicies(),
  };
  return cache;
}
