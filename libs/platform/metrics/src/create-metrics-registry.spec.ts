import { createCacheMetrics } from './create-cache-metrics';
import { createMetricsRegistry } from './create-metrics-registry';
import { counter } from './instruments';

describe('createMetricsRegistry', () => {
  it('creates an independent registry with build info and default metrics', async () => {
    const a = createMetricsRegistry({ service: 'sdk-gateway', version: '2.0.0' });
    const b = createMetricsRegistry({ service: 'sse-fanout', version: '2.0.0' });
    const text = await a.metrics();
    expect(text).toContain('ff_proxy_build_info{service="sdk-gateway",version="2.0.0"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(await b.metrics()).not.toContain('service="sdk-gateway"');
  });

  it('returns the same instrument for the same name in one registry', () => {
    const registry = createMetricsRegistry({ service: 's', version: 'v' });
    const first = counter(registry, { name: 'x_total', help: 'x' });
    expect(counter(registry, { name: 'x_total', help: 'x' })).toBe(first);
  });

  it('records cache operations under the family prefix with key templates', async () => {
    const registry = createMetricsRegistry({ service: 's', version: 'v' });
    const metrics = createCacheMetrics(registry, 'in_mem');
    metrics.observe('read', 'env-{envID}-feature-configs', false, 0.001);
    metrics.observe('remove', 'auth-key-{hash}', false, 0.001);
    metrics.observe('scan', undefined, true, 0.002);
    const text = await registry.metrics();
    expect(text).toContain('ff_proxy_in_mem_cache_read_count{error="false",key="env-{envID}-feature-configs"} 1');
    expect(text).toContain('ff_proxy_in_mem_cache_remove_count{key="auth-key-{hash}"} 1');
    expect(text).toContain('ff_proxy_in_mem_cache_scan_count{error="true"} 1');
    expect(text).toContain('ff_proxy_in_mem_cache_delete_duration_count 1');
  });
});
