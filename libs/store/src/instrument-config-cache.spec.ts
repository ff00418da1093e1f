import { createCacheMetrics, createMetricsRegistry } from '@relay/metrics';
import { redisKeys, scanPatterns } from '@relay/redis-contract';
import { createMemoryStore } from './create-memory-store';
import { type CacheInstruments, type CacheOperation, instrumentConfigCache } from './instrument-config-cache';

function createRecorder() {
  const calls: { operation: CacheOperation; key: string | undefined; failed: boolean }[] = [];
  const instruments: CacheInstruments = {
    observe(operation, key, failed, seconds) {
      expect(seconds).toBeGreaterThanOrEqual(0);
      calls.push({ operation, key, failed });
    },
  };
  return { calls, instruments };
}

describe('instrumentConfigCache', () => {
  const env = '71716f30-aea0-4271-89b5-cb1c82be4567';

  it('records each call with its operation and key template, and passes results through', async () => {
    const { calls, instruments } = createRecorder();
    const cache = instrumentConfigCache(createMemoryStore().cache, instruments);
    await cache.set(redisKeys.featureConfig(env, 'flag1'), '{}');
    expect(await cache.get(redisKeys.featureConfig(env, 'flag1'))).toBe('{}');
    expect(await cache.exists(redisKeys.segments(env))).toBe(false);
    expect(await cache.setIfAbsent(redisKeys.version(env), '1')).toBe(true);
    expect(await cache.increment(redisKeys.version(env))).toBe(2);
    expect(await cache.compareAndExpire(redisKeys.leader('h'), '"me"', 1000)).toBe(false);
    expect(await cache.delete(redisKeys.authKey('abc'))).toBe(false);
    expect(await cache.compareAndDelete(redisKeys.leader('h'), '"me"')).toBe(false);
    expect(await cache.scan(scanPatterns.inventories())).toEqual([]);
    await cache.ping();
    expect(calls).toEqual([
      { operation: 'write', key: 'env-{envID}-feature-configs-{identifier}', failed: false },
      { operation: 'read', key: 'env-{envID}-feature-configs-{identifier}', failed: false },
      { operation: 'read', key: 'env-{envID}-segments', failed: false },
      { operation: 'write', key: 'env-{envID}-version', failed: false },
      { operation: 'write', key: 'env-{envID}-version', failed: false },
      { operation: 'write', key: 'key-{proxyKeyHash}-leader', failed: false },
      { operation: 'remove', key: 'auth-key-{hash}', failed: false },
      { operation: 'remove', key: 'key-{proxyKeyHash}-leader', failed: false },
      { operation: 'scan', key: undefined, failed: false },
    ]);
  });

  it('records failures and rethrows them', async () => {
    const { calls, instruments } = createRecorder();
    const cache = instrumentConfigCache(createMemoryStore().cache, instruments);
    await cache.set(redisKeys.version(env), 'text');
    await expect(cache.increment(redisKeys.version(env))).rejects.toMatchObject({ code: 'NOT_INTEGER' });
    expect(calls[1]).toEqual({ operation: 'write', key: 'env-{envID}-version', failed: true });
  });

  it('accepts the cache metrics of @relay/metrics as instruments', async () => {
    const registry = createMetricsRegistry({ service: 'relay-proxy', version: 'test' });
    const cache = instrumentConfigCache(createMemoryStore().cache, createCacheMetrics(registry, 'in_mem'));
    await cache.get(redisKeys.featureConfigs(env));
    expect(await registry.metrics()).toContain('ff_proxy_in_mem_cache_read_count{error="false",key="env-{envID}-feature-configs"} 1');
  });
});
