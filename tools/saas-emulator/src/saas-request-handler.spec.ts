import { request } from 'node:http';
import type { FaultTarget } from './emulator-fault';
import { MALFORMED_BODY } from './emulator-response';
import type { SaasEmulator } from './saas-emulator-options';
import { startSaasEmulator } from './start-saas-emulator';
import { authenticate, ENV_A, flagInput, saasGet, segmentInput, specState } from './testing/emulator-fixtures';

/** One request per non-stream fault target, as the proxy would send it. */
const calls: Record<Exclude<FaultTarget, 'stream'>, (e: SaasEmulator, token: string) => Promise<Response>> = {
  'proxy-auth': (e) => fetch(`${e.clientServiceUrl}/proxy/auth`, { method: 'POST', body: '{"proxyKey":"key-a"}' }),
  'proxy-config': (e, token) =>
    fetch(`${e.clientServiceUrl}/proxy/config?key=key-a&pageNumber=0&pageSize=10`, {
      headers: { Authorization: `Bearer ${token}` },
    }),
  'feature-configs': (e, token) =>
    fetch(`${e.clientServiceUrl}/client/env/${ENV_A}/feature-configs`, {
      headers: { Authorization: `Bearer ${token}` },
    }),
  'target-segments': (e, token) =>
    fetch(`${e.clientServiceUrl}/client/env/${ENV_A}/target-segments?rules=v2`, {
      headers: { Authorization: `Bearer ${token}` },
    }),
  metrics: (e, token) =>
    fetch(`${e.clientServiceUrl}/metrics/${ENV_A}`, {
      method: 'POST',
      body: '{}',
      headers: { Authorization: `Bearer ${token}` },
    }),
  'client-auth': (e) => fetch(`${e.clientServiceUrl}/client/auth`, { method: 'POST', body: '{"apiKey":"sdk-a"}' }),
};
const targets = Object.keys(calls) as (keyof typeof calls)[];

describe('faults of the SaaS API', () => {
  let emulator: SaasEmulator;
  let token: string;
  beforeEach(async () => {
    emulator = await startSaasEmulator({ state: specState() });
    token = await authenticate(emulator, 'key-a');
  });
  afterEach(() => emulator.close());

  it.each(targets)('status: %s answers the status for count requests, then normally', async (target) => {
    await emulator.admin.setFault({ target, mode: 'status', status: 503, count: 2 });
    expect(await emulator.admin.faults()).toEqual([{ target, mode: 'status', status: 503, remaining: 2 }]);
    const first = await calls[target](emulator, token);
    expect([first.status, await first.json()]).toEqual([503, { code: '503', message: expect.any(String) }]);
    expect((await calls[target](emulator, token)).status).toBe(503);
    expect((await calls[target](emulator, token)).status).toBe(200);
    expect(await emulator.admin.faults()).toEqual([]);
  });

  it.each(targets)('malformed: %s answers 200 with a body that is not JSON', async (target) => {
    await emulator.admin.setFault({ target, mode: 'malformed', count: 1 });
    const response = await calls[target](emulator, token);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(MALFORMED_BODY);
    expect(() => JSON.parse(MALFORMED_BODY)).toThrow();
  });

  it.each(targets)('drop: %s closes the response mid-way', async (target) => {
    await emulator.admin.setFault({ target, mode: 'drop', count: 1 });
    await expect(calls[target](emulator, token).then((r) => r.text())).rejects.toThrow();
    expect((await calls[target](emulator, token)).status).toBe(200);
  });

  it('drop sends the status line and part of the body', async () => {
    await emulator.admin.setFault({ target: 'feature-configs', mode: 'drop' });
    const { status, body, complete } = await rawGet(
      `${emulator.clientServiceUrl}/client/env/${ENV_A}/feature-configs`,
      token,
    );
    expect([status, complete]).toEqual([200, false]);
    await emulator.admin.clearFaults();
    const full = (await saasGet(emulator, `/client/env/${ENV_A}/feature-configs`, token)).text;
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThan(full.length);
    expect(full.startsWith(body)).toBe(true);
  });

  it('status 429 carries Retry-After (1 s by default, or as set)', async () => {
    await emulator.admin.setFault({ target: 'proxy-config', mode: 'status', status: 429, count: 1 });
    await emulator.admin.setFault({
      target: 'proxy-config',
      mode: 'status',
      status: 503,
      retryAfterSeconds: 0,
      count: 1,
    });
    expect((await calls['proxy-config'](emulator, token)).headers.get('retry-after')).toBe('1');
    expect((await calls['proxy-config'](emulator, token)).headers.get('retry-after')).toBe('0');
  });

  it('delay answers normally after delayMs', async () => {
    await emulator.admin.setFault({ target: 'proxy-auth', mode: 'delay', delayMs: 200, count: 1 });
    const startedAt = Date.now();
    expect((await calls['proxy-auth'](emulator, token)).status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(195);
  });

  it('silence never answers, and closing the emulator ends the held request', async () => {
    await emulator.admin.setFault({ target: 'metrics', mode: 'silence' });
    await emulator.admin.setFault({ target: 'proxy-auth', mode: 'delay', delayMs: 60_000 });
    await expect(
      fetch(`${emulator.clientServiceUrl}/metrics/${ENV_A}`, {
        method: 'POST',
        body: '{}',
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
    const outcome = (call: Promise<Response>) =>
      call.then(
        () => 'answered',
        () => 'failed',
      );
    const held = outcome(calls.metrics(emulator, token));
    const delayed = outcome(calls['proxy-auth'](emulator, token));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await emulator.close();
    expect([await held, await delayed]).toEqual(['failed', 'failed']);
  });

  it('stale serves the previous version of the item changed last for count list reads', async () => {
    await emulator.admin.putFlag(ENV_A, flagInput('f1', { state: 'on' }));
    await emulator.admin.putSegment(ENV_A, segmentInput('s1', { name: 'renamed' }));
    await emulator.admin.setFault({ target: 'feature-configs', mode: 'stale', count: 1 });
    await emulator.admin.setFault({ target: 'target-segments', mode: 'stale', count: 1 });
    await emulator.admin.setFault({ target: 'proxy-config', mode: 'stale', count: 1 });
    const versions = async (target: 'feature-configs' | 'target-segments') =>
      ((await (await calls[target](emulator, token)).json()) as { version: number }[]).map((item) => item.version);
    expect([await versions('feature-configs'), await versions('feature-configs')]).toEqual([[1], [2]]);
    expect([await versions('target-segments'), await versions('target-segments')]).toEqual([[1], [2]]);
    const page = (await (await calls['proxy-config'](emulator, token)).json()) as {
      environments: { featureConfigs: { state: string }[] }[];
    };
    expect(page.environments[0]!.featureConfigs[0]!.state).toBe('off');
  });

  it('records faulted requests and applies faults in the order they were set; DELETE clears them', async () => {
    await emulator.admin.setFault({ target: 'client-auth', mode: 'status', status: 500, count: 1 });
    await emulator.admin.setFault({ target: 'client-auth', mode: 'status', status: 502 });
    expect((await calls['client-auth'](emulator, token)).status).toBe(500);
    expect((await calls['client-auth'](emulator, token)).status).toBe(502);
    await emulator.admin.clearFaults();
    expect((await calls['client-auth'](emulator, token)).status).toBe(200);
    expect(await emulator.admin.requests({ path: '/api/1.0/client/auth' })).toHaveLength(3);
  });
});

function rawGet(url: string, token: string): Promise<{ status: number; body: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('error', () => undefined);
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body, complete: res.complete }));
    });
    req.on('error', reject);
    req.end();
  });
}
