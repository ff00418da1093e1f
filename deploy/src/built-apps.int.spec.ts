import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { flushAll, standaloneRedisAddress } from '@relay/redis-test-server';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import { appsWithMain, DEPLOY_ROOT } from './deploy-paths';
import { freePort, installBuiltApp, removeInstall, startInstalledApp, type RunningApp } from './built-app';

const ENV_ID = '5c2f6a8e-3d4b-4c1a-9e7f-0a1b2c3d4e5f';
const PROXY_KEY = 'deploy-image-proxy-key';

/** Polls `url` until it answers (any status), for up to `ms`. */
async function firstAnswer(url: string, app: RunningApp, ms = 60_000): Promise<Response> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (app.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`${url} never answered (${String(error)}); output:\n${app.output.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Exit code of the image's HEALTHCHECK script against `port`. */
function healthcheck(port: number): Promise<number> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(DEPLOY_ROOT, 'docker/healthcheck.js')], {
      env: { PORT: String(port) },
    });
    child.once('exit', (code) => resolve(code ?? -1));
  });
}

describe.each(appsWithMain())('the built %s installed with production dependencies only', (app) => {
  let emulator: SaasEmulator;
  let dir: string | undefined;
  let running: RunningApp | undefined;

  beforeAll(async () => {
    await flushAll(standaloneRedisAddress());
    emulator = await startSaasEmulator({
      state: {
        environments: [{ id: ENV_ID, identifier: 'dev', project: 'deploy' }],
        proxyKeys: [{ key: PROXY_KEY, environments: [ENV_ID] }],
      },
    });
    dir = await installBuiltApp(app);
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    await running?.exited;
    await emulator?.close();
    if (dir) removeInstall(dir);
  });

  it('starts against Redis and the SaaS emulator, answers /healthz and /readyz, passes the image health check and stops on SIGTERM', async () => {
    const port = await freePort();
    running = startInstalledApp(dir as string, {
      REDIS_ADDRESS: standaloneRedisAddress(),
      PORT: String(port),
      PROXY_KEY,
      AUTH_SECRET: 'deploy-image-test-auth-secret-0123456789',
      CLIENT_SERVICE: emulator.clientServiceUrl,
      METRIC_SERVICE: emulator.metricServiceUrl,
      HEARTBEAT_INTERVAL: '0',
      SHUTDOWN_TIMEOUT: '5',
    });
    const healthz = await firstAnswer(`http://127.0.0.1:${port}/healthz`, running);
    expect([healthz.status, await healthz.json()]).toEqual([200, { status: 'ok' }]);
    const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect([200, 503]).toContain(readyz.status);
    expect(await readyz.json()).toHaveProperty('status');
    expect(await healthcheck(port)).toBe(0);

    running.child.kill('SIGTERM');
    expect({ exit: await running.exited, output: running.output.filter((line) => line.includes('"error"')) }).toEqual({
      exit: 0,
      output: [],
    });
    expect(await healthcheck(port)).toBe(1);
  });

  it('exits 1 before opening a port, with one invalid configuration line naming every bad variable', async () => {
    const bad = startInstalledApp(dir as string, {
      PORT: 'abc',
      REDIS_ADDRESS: 'host:notaport',
      PROXY_KEY,
      AUTH_SECRET: 'deploy-image-test-auth-secret-0123456789',
    });
    expect(await bad.exited).toBe(1);
    const lines = bad.output.map((line) => JSON.parse(line) as { msg: string; errors?: string[] });
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'invalid configuration',
        errors: ["PORT: 'abc' is not an integer", "REDIS_ADDRESS: 'host:notaport' is not host:port"],
      }),
    ]);
  });
});
