import type { RedisKey, ScanPattern } from '@relay/redis-contract';

/**
 * The key/value port every service uses for the documented keys (spec/redis-contract.md §3). Every
 * method takes one key: Redis Cluster never sees a cross-slot command (§8). Values are the exact bytes
 * stored (UTF-8 text). Failures reject with a {@link StoreError}.
 */
export interface ConfigCache {
  /** The value, or `undefined` when the key is missing (never an error). */
  get(key: RedisKey): Promise<string | undefined>;
  /** `SET key value [EX ttlSeconds]`. */
  set(key: RedisKey, value: string, options?: { ttlSeconds?: number }): Promise<void>;
  /** `SET key value NX [PX ttlMs]`: true when the key was absent and is now set. */
  setIfAbsent(key: RedisKey, value: string, options?: { ttlMs?: number }): Promise<boolean>;
  /** `DEL key` (one key): true when it existed. */
  delete(key: RedisKey): Promise<boolean>;
  /** `EXISTS key` (one key). */
  exists(key: RedisKey): Promise<boolean>;
  /** `INCR key`: 1 for a missing key; rejects with code `NOT_INTEGER` on non-integer text. */
  increment(key: RedisKey): Promise<number>;
  /** If the value equals `expected`, reset its TTL to `ttlMs` and return true; else false (lease renew, §6). */
  compareAndExpire(key: RedisKey, expected: string, ttlMs: number): Promise<boolean>;
  /** If the value equals `expected`, delete it and return true; else false (lease release, §6). */
  compareAndDelete(key: RedisKey, expected: string): Promise<boolean>;
  /** Every key matching the glob `pattern`, once each (Cluster: across every master, §8.2). */
  scan(pattern: ScanPattern): Promise<RedisKey[]>;
  /** `PING`; rejects when the store does not answer. */
  ping(): Promise<void>;
  /** `CONFIG GET maxmemory-policy` on every master; `undefined` when the store cannot tell (§1.10). */
  evictionPolicies(): Promise<string[] | undefined>;
}
