import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { redisKeys } from '@relay/redis-contract';
import { startRedisServer, testRedisOptions } from '@relay/redis-test-server';
import { openStore } from './open-store';

describe('openStore with Redis options', () => {
  it('connects, warns about an evicting policy and instruments the redis cache metrics', async () => {
    const server = await startRedisServer({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    const logger = createCapturingLogger();
    const registry = createMetricsRegistry({ service: 'sdk-gateway', version: 'test' });
    try {
      const store = await openStore(testRedisOptions(server.address), { logger, registry });
      expect(store.remote).toBe(true);
      expect(logger.find('redis eviction policy unsafe')).toEqual([
        expect.objectContaining({ level: 'warn', policy: 'allkeys-lru', component: 'redis' }),
      ]);
      expect(await store.cache.get(redisKeys.configStatus())).toBeUndefined();
      expect(await registry.metrics()).toContain('ff_proxy_redis_cache_read_count{error="false",key="ffproxy_config_status"} 1');
      await store.close();
    } finally {
      await server.stop();
    }
  });
});
