import { keyTemplate, type RedisKey } from '@relay/redis-contract';
import type { ConfigCache } from './config-cache';

/** A cache operation as the metrics name it. */
export type CacheOperation = 'read' | 'write' | 'remove' | 'scan';

/**
 * Where {@link instrumentConfigCache} records each call; `createCacheMetrics` of `@relay/metrics`
 * satisfies it. `key` is the key template (never a raw key), `undefined` for scans; `seconds` is the
 * call's duration.
 */
export interface CacheInstruments {
  observe(operation: CacheOperation, key: string | undefined, failed: boolean, seconds: number): void;
}

/**
 * A {@link ConfigCache} that records every read (`get`, `exists`), write (`set`, `setIfAbsent`,
 * `increment`, `compareAndExpire`), remove (`delete`, `compareAndDelete`) and scan into `instruments`
 * with the key template of `@relay/redis-contract` as the `key` label (spec/observability.md §2.1).
 */
export function instrumentConfigCache(cache: ConfigCache, instruments: CacheInstruments): ConfigCache {
  async function measure<T>(operation: CacheOperation, key: RedisKey | undefined, call: () => Promise<T>): Promise<T> {
    const label = key === undefined ? undefined : keyTemplate(key);
    const started = performance.now();
    try {
      const result = await call();
      instruments.observe(operation, label, false, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      instruments.observe(operation, label, true, (performance.now() - started) / 1000);
      throw error;
    }
  }
  return {
    get: (key) => measure('read', key, () => cache.get(key)),
    exists: (key) => measure('read', key, () => cache.exists(key)),
    set: (key, value, options) => measure('write', key, () => cache.set(key, value, options)),
    setIfAbsent: (key, value, options) => measure('write', key, () => cache.setIfAbsent(key, value, options)),
    increment: (key) => measure('write', key, () => cache.increment(key)),
    compareAndExpire: (key, expected, ttlMs) => measure('write', key, () => cache.compareAndExpire(key, expected, ttlMs)),
    delete: (key) => measure('remove', key, () => cache.delete(key)),
    compareAndDelete: (key, expected) => measure('remove', key, () => cache.compareAndDelete(key, expected)),
    scan: (pattern) => measure('scan', undefined, () => cache.scan(pattern)),
    ping: () => cache.ping(),
    evictionPolicies: () => cache.evictionPolicies(),
  };
}
