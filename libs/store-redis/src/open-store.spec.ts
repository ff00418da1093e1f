import { createMetricsRegistry } from '@relay/metrics';
import { createCapturingLogger } from '@relay/logging/testing';
import { redisKeys } from '@relay/redis-contract';
import { openStore } from './open-store';

describe('openStore without Redis options', () => {
  it('opens the in-memory store, instrumented with the in_mem cache metrics', async () => {
    const registry = createMetricsRegistry({ service: 'relay-proxy', version: 'test' });
    const store = await openStore(undefined, { logger: createCapturingLogger(), registry });
    expect(store.remote).toBe(false);
    await store.cache.set(redisKeys.configStatus(), '{}');
    expect(await store.cache.get(redisKeys.configStatus())).toBe('{}');
    expect(await registry.metrics()).toContain('ff_proxy_in_mem_cache_read_count{error="false",key="ffproxy_config_status"} 1');
    await store.close();
  });
});
