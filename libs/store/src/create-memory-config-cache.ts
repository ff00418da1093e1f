import type { RedisKey } from '@relay/redis-contract';
import type { ConfigCache } from './config-cache';
import { globMatch } from './glob-match';
import { invalidArgumentError, notIntegerError } from './memory-errors';
import type { MemoryKeyspace } from './memory-keyspace';
import { isInt64, parseRedisInteger } from './parse-redis-integer';

function expiryOf(nowMs: number, ttlMs: number | undefined): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (!Number.isInteger(ttlMs)) throw notIntegerError();
  if (ttlMs <= 0) throw invalidArgumentError("ERR invalid expire time in 'set' command");
  return nowMs + ttlMs;
}

/**
 * The in-memory {@link ConfigCache} over `keyspace` (spec/redis-contract.md §10): the same bytes, TTLs
 * against the keyspace clock, `INCR` rules and errors as Redis ≥ 7.0. The store cannot run an
 * eviction policy, so it reports `noeviction`.
 */
export function createMemoryConfigCache(keyspace: MemoryKeyspace): ConfigCache {
  const now = () => keyspace.clock.now();
  const cache: ConfigCache = {
    async get(key) {
      return keyspace.stringAt(key)?.value;
    },
    async set(key, value, options = {}) {
      const ttlMs = options.ttlSeconds === undefined ? undefined : options.ttlSeconds * 1000;
      if (options.ttlSeconds !== undefined && !Number.isInteger(options.ttlSeconds)) throw notIntegerError();
      keyspace.setString(key, value, expiryOf(now(), ttlMs));
    },
    async setIfAbsent(key, value, options = {}) {
      const expiresAtMs = expiryOf(now(), options.ttlMs);
      if (keyspace.exists(key)) return false;
      keyspace.setString(key, value, expiresAtMs);
      return true;
    },
    async delete(key) {
      return keyspace.remove(key);
    },
    async exists(key) {
      return keyspace.exists(key);
    },
    async increment(key) {
      const current = keyspace.stringAt(key);
      const value = current === undefined ? 0n : parseRedisInteger(current.value);
      if (value === undefined) throw notIntegerError();
      const next = value + 1n;
      if (!isInt64(next)) throw invalidArgumentError('ERR increment or decrement would overflow');
      // INCR keeps the key's TTL.
      keyspace.setString(key, next.toString(), current?.expiresAtMs);
      return Number(next);
    },
    async compareAndExpire(key, expected, ttlMs) {
      const current = keyspace.stringAt(key);
      if (current?.value !== expected) return false;
      if (!Number.isInteger(ttlMs)) throw notIntegerError();
      // PEXPIRE with a non-positive TTL deletes the key, as in Redis.
      if (ttlMs <= 0) keyspace.remove(key);
      else keyspace.setString(key, current.value, now() + ttlMs);
      return true;
    },
    async compareAndDelete(key, expected) {
      if (keyspace.stringAt(key)?.value !== expected) return false;
      return keyspace.remove(key);
    },
    async scan(pattern) {
      return keyspace.keys().filter((key) => globMatch(pattern, key)) as RedisKey[];
    },
    async ping() {},
    async evictionPolicies() {
      return ['noeviction'];
    },
  };
  return cache;
}
