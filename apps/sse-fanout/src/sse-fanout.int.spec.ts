import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import { flushAll, standaloneRedisAddress, testRedisOptions } from '@relay/redis-test-server';
import { createSdkTokens } from '@relay/sdk-auth';
import { markSynced, openTestStream, publishItemChange, seedEnvironment, waitUntil } from '@relay/sse-fanout/testing';
import { openStore, type OpenStore } from '@relay/store-redis';

const MAIN = join(__dirname, '../../../dist/apps/sse-fanout/main.js');
const ENV_ID = '71716f30-aea0-4271-89b5-cb1c82be4567';
const SDK_KEY = 'server-sdk-key-under-test';
const AUTH_SECRET = 'a-test-secret-of-at-least-32-bytes-long';

interface RunningApp {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exitCode: Promise<number | null>;
}

/** Runs the built app with `env` (plus PATH), collecting its JSON log lines. */
function runApp(env: Record<string, string>): RunningApp {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    const parts = (rest + text).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exitCode };
}

describe('the sse-fanout app (dist/apps/sse-fanout/main.js) on a private Redis', () => {
  let store: OpenStore;
  let app: RunningApp | undefined;

  beforeEach(async () => {
    await flushAll(standaloneRedisAddress());
    store = await openStore(testRedisOptions(standaloneRedisAddress()), {
      logger: createCapturingLogger(),
      registry: createMetricsRegistry({ service: 't', version: 't' }),
    });
    await seedEnvironment(store.cache, {
      envId: ENV_ID,
      sdkKeys: [SDK_KEY],
      flags: [{ feature: 'f1', version: 1 }],
      version: 10,
    });
    await markSynced(store.cache);
  });
  afterEach(async () => {
    app?.child.kill('SIGKILL');
    app = undefined;
    await store.close();
  });

  it('exits 1 with one invalid configuration line naming every bad variable', async () => {
    app = runApp({ SSE_KEEPALIVE_INTERVAL: '20', AUTH_SECRET: '' });
    expect(await app.exitCode).toBe(1);
    const [line] = app.lines;
    expect(line).toMatchObject({ level: 'error', msg: 'invalid configuration', service: 'sse-fanout' });
    expect((line?.['errors'] as string[]).join(' ')).toMatch(
      /REDIS_ADDRESS.*SSE_KEEPALIVE_INTERVAL|SSE_KEEPALIVE_INTERVAL.*REDIS_ADDRESS/,
    );
  });

  it('serves streams, relays entries, answers probes and ends streams on SIGTERM', async () => {
    app = runApp({
      REDIS_ADDRESS: standaloneRedisAddress(),
      PORT: '0',
      AUTH_SECRET,
      SSE_KEEPALIVE_INTERVAL: '1',
      CACHE_REVALIDATE_INTERVAL: '1',
      SHUTDOWN_TIMEOUT: '2',
      HEARTBEAT_INTERVAL: '0',
      UNRELATED_VARIABLE: 'ignored',
    });
    const running = app;
    await waitUntil(
      () => running.lines.some((line) => line['msg'] === 'http server listening'),
      15_000,
      'the app to listen',
    );
    const port = running.lines.find((line) => line['msg'] === 'http server listening')?.['port'] as number;
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ configStatus: { state: 'SYNCED' }, cacheStatus: 'healthy' });

    const token = await createSdkTokens({ authSecrets: [AUTH_SECRET] }).issue({
      apiKey: redisKeys.authKey(sha256hex(SDK_KEY)),
      environment: ENV_ID,
    });
    const headers = { Authorization: `Bearer ${token}`, 'API-Key': SDK_KEY };
    expect((await openTestStream({ port, headers: { ...headers, Authorization: 'Bearer nope' } })).status).toBe(401);
    const stream = await openTestStream({ port, headers });
    expect(stream.status).toBe(200);
    await stream.waitFor((text) => text === ':\n\n:\n\n', 3000);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`ff_proxy_sdk_sse_connections{envID="${ENV_ID}"} 1`);

    const id = await publishItemChange(store.events, {
      event: 'patch',
      domain: 'flag',
      identifier: 'f1',
      version: 2,
      environment: ENV_ID,
      envVersion: 11,
    });
    await stream.waitFor((text) =>
      text.includes(
        `id: ${id}\nevent: *\ndata: {"event":"patch","domain":"flag","identifier":"f1","version":2,"environment":"${ENV_ID}","apiKey":""}\n\n`,
      ),
    );

    running.child.kill('SIGTERM');
    await stream.waitForEnd(3000);
    expect(await running.exitCode).toBe(0);
    expect(running.lines.find((line) => line['msg'] === 'sse stream closed')).toMatchObject({
      envID: ENV_ID,
      reason: 'shutdown',
    });
    expect(running.lines.some((line) => line['msg'] === 'shutdown complete')).toBe(true);
  }, 30_000);
});
