import { createEnvReader } from '@relay/config';
import { readRelayProxyConfig, startRelayProxy } from '@relay/relay-proxy';
import type { ExportedMetric } from './dashboard-queries';

/** Options of {@link exportedMetrics}. */
export interface ExportedMetricsOptions {
  /** `CLIENT_SERVICE` / `METRIC_SERVICE`: a SaaS emulator. */
  saasUrl: string;
  proxyKey: string;
  /** `REDIS_ADDRESS`; unset runs on the in-process store (the `in_mem` cache families). */
  redisAddress?: string;
}

/**
 * The metrics the four roles export, from one registry: the all-in-one composition of their libraries
 * (spec/configuration.md §6) started in process, with requests that make the HTTP layer and the store
 * create their families, then stopped.
 */
export async function exportedMetrics(options: ExportedMetricsOptions): Promise<ExportedMetric[]> {
  const env: Record<string, string> = {
    PROXY_KEY: options.proxyKey,
    CLIENT_SERVICE: options.saasUrl,
    METRIC_SERVICE: options.saasUrl,
    AUTH_SECRET: 'deploy-metrics-test-auth-secret-0123456789',
    PORT: '0',
    HEARTBEAT_INTERVAL: '0',
    LOG_LEVEL: 'ERROR',
    ...(options.redisAddress ? { REDIS_ADDRESS: options.redisAddress } : {}),
  };
  const reader = createEnvReader(env);
  const config = readRelayProxyConfig(reader);
  const proxy = await startRelayProxy(config, { host: '127.0.0.1', warnings: reader.finish() });
  try {
    const base = `http://127.0.0.1:${proxy.port}`;
    await fetch(`${base}/healthz`);
    await fetch(`${base}/client/auth`, { method: 'POST', body: JSON.stringify({ apiKey: 'unknown-sdk-key' }) });
    await fetch(`${base}/no-such-route`);
    const metrics = await proxy.context.registry.getMetricsAsJSON();
    return metrics.map((metric) => ({ name: metric.name, type: String(metric.type) }));
  } finally {
    await proxy.close();
  }
}
