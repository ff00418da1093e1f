import { startRedisServer, type RedisTestServer } from '@relay/redis-test-server';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import { spawnApp, type AppProcess } from './app-process';
import { demoState } from './demo-project';
import { proxyEnv, type Topology } from './topology';
import { waitFor } from './wait-for';

/** The four services, in start order. */
const APPS = ['saas-sync', 'metrics-forwarder', 'sdk-gateway', 'sse-fanout'] as const;
type App = (typeof APPS)[number];

const ready = async (port: number) => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;

/** `ff_proxy_sdk_sse_connections{envID}` from sse-fanout's `/metrics` (0 when the series is absent). */
async function sseConnections(port: number, envId: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = new RegExp(`^ff_proxy_sdk_sse_connections\\{envID="${envId}"\\} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

interface SplitParts {
  redis?: RedisTestServer;
  emulator?: SaasEmulator;
  router?: AppProcess;
  apps: Partial<Record<App, AppProcess>>;
}

async function stopParts(parts: SplitParts): Promise<void> {
  await parts.router?.stop();
  await Promise.all(Object.values(parts.apps).map((app) => app.stop()));
  await parts.emulator?.close();
  await parts.redis?.stop();
}

async function startParts(parts: SplitParts): Promise<{ env: Record<string, string> }> {
  parts.redis = await startRedisServer();
  parts.emulator = await startSaasEmulator({ state: demoState() });
  const env = { ...proxyEnv(parts.emulator), REDIS_ADDRESS: parts.redis.address, LOG_LEVEL: 'INFO' };
  await Promise.all(APPS.map(async (app) => (parts.apps[app] = await spawnApp(app, env))));
  const { 'sdk-gateway': gateway, 'sse-fanout': fanout } = parts.apps;
  parts.router = await spawnApp('dev-router', { DEV_ROUTER_PORT: '0', SDK_GATEWAY_URL: `http://127.0.0.1:${gateway!.port}`, SSE_FANOUT_URL: `http://127.0.0.1:${fanout!.port}` });
  return { env };
}

/**
 * The split shape: a private redis-server, the four built apps as child processes (`PORT=0`) and the built
 * dev router as the one base URL, fed by an emulator with the demo project. Resolves when every
 * service is ready.
 */
export async function startSplit(): Promise<Topology> {
  const parts: SplitParts = { apps: {} };
  const allReady = async () => (await Promise.all(APPS.map((app) => ready(parts.apps[app]!.port)))).every(Boolean);
  try {
    const { env } = await startParts(parts);
    await waitFor(allReady, 15_000, 'every split service /readyz 200');
    return {
      name: 'split',
      baseUrl: `http://127.0.0.1:${parts.router!.port}`,
      emulator: parts.emulator!,
      streamCount: (envId) => sseConnections(parts.apps['sse-fanout']!.port, envId),
      allReady,
      async restartSaasSync() {
        await parts.apps['saas-sync']!.stop('SIGKILL');
        parts.apps['saas-sync'] = await spawnApp('saas-sync', env);
      },
      restartRedis: () => parts.redis!.restart(),
      close: () => stopParts(parts),
    };
  } catch (error) {
    await stopParts(parts);
    throw error;
  }
}
