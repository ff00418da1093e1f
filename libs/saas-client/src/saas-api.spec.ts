import { systemClock } from '@relay/lifecycle';
import { createMetricsRegistry } from '@relay/metrics';
import { sha256hex } from '@relay/redis-contract';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import { createSaasAccess } from './create-saas-access';
import { ProxyKeyRejectedError } from './saas-errors';
import type { SseBlock } from './sse-parser';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const KEY = 'proxy-key';

describe('the SaaS client against the emulator', () => {
  let emulator: SaasEmulator;
  beforeEach(async () => {
    const environments = Array.from({ length: 12 }, (_, i) => ({ id: i === 0 ? ENV : `env-${i}`, identifier: `e${i}`, project: 'p' }));
    emulator = await startSaasEmulator({
      heartbeatMs: 100,
      state: {
        environments,
        proxyKeys: [{ key: KEY, environments: environments.map((env) => env.id) }],
        sdkKeys: { [ENV]: ['sdk-key'] },
        flags: { [ENV]: [{ feature: 'f', state: 'on', kind: 'boolean', variations: [{ identifier: 'true', value: 'true' }], defaultServe: { variation: 'true' }, offVariation: 'true' }] },
      },
    });
  });
  afterEach(() => emulator.close());

  const access = (proxyKey = KEY) =>
    createSaasAccess({ clientServiceUrl: emulator.clientServiceUrl, metricServiceUrl: emulator.metricServiceUrl, proxyKey, version: '2.0.0', registry: createMetricsRegistry({ service: 't', version: 't' }), clock: systemClock });

  it('authenticates, reads the token claims and pages the proxy config', async () => {
    const { api, session } = access();
    await api.authenticate();
    expect(session.current()).toMatchObject({ cluster: '1', account: 'acc-123' });
    const first = (await api.proxyConfigPage(0)) as { pageCount: number; environments: { id: string; apiKeys: string[] }[] };
    expect(first.pageCount).toBe(2);
    expect(first.environments[0]).toMatchObject({ id: ENV, apiKeys: [sha256hex('sdk-key')] });
    expect(((await api.proxyConfigPage(1)) as { environments: unknown[] }).environments).toHaveLength(2);
    const [request] = await emulator.admin.requests({ path: '/api/1.0/proxy/config' });
    expect(request?.query).toMatchObject({ cluster: '1', key: KEY, pageNumber: '0', pageSize: '10' });
    expect(request?.headers['user-agent']).toBe('ff-proxy-ts/2.0.0');
  });

  it('reads the flag and segment lists with the Harness headers and rules=v2', async () => {
    const { api } = access();
    expect(((await api.featureConfigs(ENV)) as { feature: string }[]).map((f) => f.feature)).toEqual(['f']);
    await api.targetSegments(ENV);
    const [flags] = await emulator.admin.requests({ path: `/api/1.0/client/env/${ENV}/feature-configs` });
    expect(flags?.headers).toMatchObject({ 'harness-accountid': 'acc-123', 'harness-environmentid': ENV, 'harness-sdk-info': 'Proxy 2.0.0' });
    const [segments] = await emulator.admin.requests({ path: `/api/1.0/client/env/${ENV}/target-segments` });
    expect(segments?.query).toMatchObject({ rules: 'v2', cluster: '1' });
  });

  it('re-authenticates once after a 401 and reports a rejected key', async () => {
    const { api } = access();
    await api.authenticate();
    await emulator.admin.rotateProxyKey(KEY, 'new-key', 0);
    await expect(api.featureConfigs(ENV)).rejects.toBeInstanceOf(ProxyKeyRejectedError);
    expect((await emulator.admin.requests({ path: '/api/1.0/proxy/auth' })).length).toBe(2);
    await expect(access('new-key').api.featureConfigs(ENV)).resolves.toBeDefined();
  });

  it('follows the account stream and its events', async () => {
    const { api } = access();
    const controller = new AbortController();
    const blocks: SseBlock[] = [];
    let connected = false;
    const ended = api.runStream({ lastEventId: undefined, readTimeoutMs: 5000, signal: controller.signal, onConnected: () => (connected = true), onBlock: (b) => blocks.push(b), onOversize: () => undefined });
    while (!connected) await new Promise((r) => setTimeout(r, 10));
    await emulator.admin.deleteFlag(ENV, 'f');
    while (!blocks.some((b) => b.data)) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(blocks.find((b) => b.data)?.data ?? '')).toMatchObject({ event: 'delete', domain: 'flag', identifier: 'f', environment: ENV });
    controller.abort();
    await expect(ended).resolves.toEqual({ reason: 'closed' });
    const [stream] = await emulator.admin.requests({ path: '/api/1.0/stream' });
    expect(stream?.headers).toMatchObject({ 'api-key': KEY, accept: 'text/event-stream', 'harness-sdk-info': 'Proxy 2.0.0' });
  });

  it('posts metrics to the metrics service', async () => {
    const { client, session } = access();
    await client.postMetrics(await session.token(), ENV, { metricsData: [] });
    const [post] = await emulator.admin.requests({ path: `/api/1.0/metrics/${ENV}` });
    expect(post).toMatchObject({ method: 'POST', body: { metricsData: [] } });
    expect(post?.headers['authorization']).toMatch(/^Bearer /);
  });
});
