import { readFileSync } from 'node:fs';
import { createCapturingLogger } from '@relay/logging/testing';
import { DEMO_SEED_PATH } from './demo-seed-path';
import type { EmulatorState } from './emulator-state';
import { startSaasEmulator } from './start-saas-emulator';
import { authenticate, ENV_A, jwtPayload, saasGet, specState } from './testing/emulator-fixtures';

describe('startSaasEmulator', () => {
  it('listens on 127.0.0.1 and reports its URLs', async () => {
    const emulator = await startSaasEmulator();
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.baseUrl).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.clientServiceUrl).toBe(`${emulator.baseUrl}/api/1.0`);
    expect(emulator.metricServiceUrl).toBe(emulator.clientServiceUrl);
    await emulator.close();
    await emulator.close(); // idempotent
    await expect(fetch(`${emulator.baseUrl}/admin/state`)).rejects.toThrow();
  });

  it('rejects a heartbeat under 100 ms, an invalid state and a taken port', async () => {
    await expect(startSaasEmulator({ heartbeatMs: 99 })).rejects.toThrow(/heartbeatMs/);
    await expect(startSaasEmulator({ state: { flags: { nope: [] } } })).rejects.toThrow(/unknown environment/);
    const first = await startSaasEmulator();
    await expect(startSaasEmulator({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });

  it('is deterministic with a fixed secret and clock: two emulators answer byte-identical bodies', async () => {
    const options = { state: specState(), jwtSecret: 'fixed', now: () => 1_700_000_000_000, tokenTtlSeconds: 3600 };
    const bodies = [];
    for (const emulator of [await startSaasEmulator(options), await startSaasEmulator(options)]) {
      const token = await authenticate(emulator, 'key-ab');
      const config = await saasGet(emulator, '/proxy/config?key=key-ab&pageNumber=0&pageSize=10', token);
      bodies.push({
        token,
        config: config.text,
        requests: (await emulator.admin.requests()).map(({ time, body }) => ({ time, body })),
      });
      await emulator.close();
    }
    expect(bodies[1]).toEqual(bodies[0]);
    expect(jwtPayload(bodies[0]!.token)).toMatchObject({ iat: 1_700_000_000, exp: 1_700_003_600 });
  });

  it('uses the account, cluster and organization options in tokens', async () => {
    const emulator = await startSaasEmulator({
      state: specState(),
      account: 'acc-9',
      cluster: '2',
      organization: 'org-9',
    });
    expect(jwtPayload(await authenticate(emulator, 'key-a'))).toMatchObject({
      account: 'acc-9',
      cluster_identifier: '2',
      organization: 'org-9',
    });
    await emulator.close();
  });

  it('logs one line per SaaS request when asked', async () => {
    const logger = createCapturingLogger();
    const emulator = await startSaasEmulator({ state: specState(), logRequests: true, logger });
    await authenticate(emulator, 'key-a');
    await emulator.admin.state();
    await emulator.close();
    expect(logger.find('saas request')).toEqual([
      expect.objectContaining({ level: 'info', method: 'POST', path: '/api/1.0/proxy/auth', status: 200 }),
    ]);
  });

  it('serves the demo seed', async () => {
    const state = JSON.parse(readFileSync(DEMO_SEED_PATH, 'utf8')) as EmulatorState;
    const emulator = await startSaasEmulator({ state });
    const token = await authenticate(emulator, 'demo-proxy-key');
    const flags = (await saasGet(emulator, `/client/env/${ENV_A}/feature-configs`, token)).body as {
      feature: string;
      kind: string;
      version: number;
    }[];
    expect(flags.map((f) => [f.feature, f.kind, f.version])).toEqual([
      ['bool-flag1', 'boolean', 1],
      ['beta-banner', 'boolean', 1],
      ['greeting', 'string', 1],
      ['max-items', 'int', 1],
      ['theme-config', 'json', 1],
      ['new-checkout', 'boolean', 1],
      ['checkout-upsell', 'boolean', 1],
    ]);
    expect(flags[0]).toMatchObject({
      project: 'demo',
      environment: 'dev',
      state: 'off',
      offVariation: 'false',
      defaultServe: { variation: 'true' },
    });
    const segments = (await saasGet(emulator, `/client/env/${ENV_A}/target-segments?rules=v2`, token)).body;
    expect(segments).toEqual([
      expect.objectContaining({
        identifier: 'beta-users',
        included: [expect.objectContaining({ identifier: 'alice' })],
      }),
    ]);
    expect((await emulator.admin.state()).sdkKeys).toEqual({ [ENV_A]: ['demo-server-sdk-key', 'demo-client-sdk-key'] });
    await emulator.close();
  });
});
