import { flushAll, standaloneRedisAddress } from '@relay/redis-test-server';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import { dashboardPanels, isExported, metricNamesIn, type ExportedMetric } from './dashboard-queries';
import { exportedMetrics } from './exported-metrics';

const ENV_ID = '7e1d9a52-64b0-4c6f-a1f2-3b4c5d6e7f80';
const PROXY_KEY = 'deploy-dashboard-proxy-key';

describe('the Grafana dashboard', () => {
  let emulator: SaasEmulator;
  let metrics: ExportedMetric[];

  beforeAll(async () => {
    await flushAll(standaloneRedisAddress());
    emulator = await startSaasEmulator({
      state: {
        environments: [{ id: ENV_ID, identifier: 'dev', project: 'deploy' }],
        proxyKeys: [{ key: PROXY_KEY, environments: [ENV_ID] }],
      },
    });
    const onRedis = await exportedMetrics({
      saasUrl: emulator.clientServiceUrl,
      proxyKey: PROXY_KEY,
      redisAddress: standaloneRedisAddress(),
    });
    const inMemory = await exportedMetrics({ saasUrl: emulator.clientServiceUrl, proxyKey: PROXY_KEY });
    metrics = [...onRedis, ...inMemory];
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('is measured against registries that hold the HTTP, cache and role families', () => {
    const names = new Set(metrics.map((metric) => metric.name));
    for (const name of [
      'ff_proxy_http_requests_total',
      'ff_proxy_redis_cache_write_count',
      'ff_proxy_in_mem_cache_read_count',
      'ff_proxy_saas_sync_leader',
      'ff_proxy_sdk_sse_connections',
      'ff_proxy_metrics_stream_lag',
      'ff_proxy_memoize_cache_hit',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('has panels, each naming at least one metric', () => {
    const panels = dashboardPanels();
    expect(panels.length).toBeGreaterThan(20);
    expect(
      panels.filter((panel) => panel.expressions.flatMap(metricNamesIn).length === 0).map((panel) => panel.title),
    ).toEqual([]);
  });

  it('names only metrics the services export', () => {
    const missing = dashboardPanels().flatMap((panel) =>
      panel.expressions
        .flatMap(metricNamesIn)
        .filter((name) => !isExported(name, metrics))
        .map((name) => `${panel.title}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
