import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createEnvReader } from '@relay/config';
import { readRelayProxyConfig, startRelayProxy } from '@relay/relay-proxy';
import { startRedisServer } from '@relay/redis-test-server';
import type { SaasEmulator } from '@relay/saas-emulator';

/** A proxy under measurement: its SDK base URL and how to stop it. */
export interface BenchProxy {
  baseUrl: string;
  close(): Promise<void>;
}

/** The variables of both shapes: the emulator as SaaS; production timings except the 1 s SaaS poll. */
function proxyEnv(emulator: SaasEmulator): Record<string, string> {
  return { PROXY_KEY: 'demo-proxy-key', CLIENT_SERVICE: emulator.clientServiceUrl, METRIC_SERVICE: emulator.metricServiceUrl,
    AUTH_SECRET: 'bench-auth-secret-0123456789abcdef0123456789', PORT: '0', LOG_LEVEL: 'ERROR', HEARTBEAT_INTERVAL: '0', SHUTDOWN_TIMEOUT: '2' };
}

async function waitReady(baseUrl: string): Promise<void> {
  for (const until = Date.now() + 20_000; (await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.status !== 200; ) {
    if (Date.now() > until) throw new Error(`${baseUrl} not ready within 20 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The all-in-one with the in-memory store, in this process. */
export async function startBenchAllInOne(emulator: SaasEmulator): Promise<BenchProxy> {
  const reader = createEnvReader(proxyEnv(emulator));
  const proxy = await startRelayProxy(readRelayProxyConfig(reader), { host: '127.0.0.1', warnings: reader.finish() });
  const baseUrl = `http://127.0.0.1:${proxy.port}`;
  await waitReady(baseUrl);
  return { baseUrl, close: async () => void (await proxy.close()) };
}

/** Spawns a built main.js with `env`; resolves with the process and the port of its listening line. */
function spawnBuilt(main: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const path = resolve(main);
  if (!existsSync(path)) throw new Error(`${main} is missing: run \`npx nx run-many -t build\` first`);
  const child = spawn(process.execPath, [path], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`${main} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: { msg?: string; port?: number; baseUrl?: string } = {};
      try {
        line = JSON.parse(text) as typeof line;
      } catch {
        return; // not a log line
      }
      if (line.msg === 'http server listening') done({ child, port: line.port! });
      if (line.msg === 'dev router listening') done({ child, port: Number(new URL(line.baseUrl!).port) });
    });
  });
}

/** The four built services on a private redis-server behind the built dev router. */
export async function startBenchSplit(emulator: SaasEmulator): Promise<BenchProxy> {
  const redis = await startRedisServer();
  const env = { ...proxyEnv(emulator), LOG_LEVEL: 'INFO', REDIS_ADDRESS: redis.address };
  const apps = await Promise.all(['saas-sync', 'metrics-forwarder', 'sdk-gateway', 'sse-fanout'].map((app) => spawnBuilt(`dist/apps/${app}/main.js`, env)));
  const router = await spawnBuilt('dist/tools/dev-router/main.js', { DEV_ROUTER_PORT: '0', SDK_GATEWAY_URL: `http://127.0.0.1:${apps[2]!.port}`, SSE_FANOUT_URL: `http://127.0.0.1:${apps[3]!.port}` });
  const baseUrl = `http://127.0.0.1:${router.port}`;
  const stop = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((done) => {
          child.removeAllListeners('exit').once('exit', done);
          child.kill('SIGTERM');
        });
  const close = async () => {
    await Promise.all([router, ...apps].map(({ child }) => stop(child)));
    await redis.stop();
  };
  // Every service, sse-fanout included: it refuses streams until it has seen the first sync (spec/sdk-api.md §8.1).
  const ready = Promise.all(apps.map(({ port }) => waitReady(`http://127.0.0.1:${port}`)));
  await ready.catch(async (error) => (await close(), Promise.reject(error)));
  return { baseUrl, close };
}
