import type { SaasEmulator } from './saas-emulator-options';
import { startSaasEmulator } from './start-saas-emulator';
import { authenticate, ENV_A, specState } from './testing/emulator-fixtures';
import { openTestStream } from './testing/open-test-stream';

describe('the admin control API', () => {
  let emulator: SaasEmulator;
  let now = 1_700_000_000_000;
  beforeEach(async () => {
    emulator = await startSaasEmulator({ state: specState(), now: () => now });
  });
  afterEach(() => emulator.close());
  const connect = async (key: string) => {
    const stream = await openTestStream(emulator.baseUrl, {
      Authorization: `Bearer ${await authenticate(emulator, key)}`,
      'API-Key': key,
    });
    await stream.waitFor((s) => s.chunks.length > 0);
    return stream;
  };

  describe('POST /admin/stream/events', () => {
    it('sends any JSON to every stream, or to the streams of one key', async () => {
      const [a, c] = [await connect('key-a'), await connect('key-c')];
      expect(await emulator.admin.sendEvent({ event: 'future', domain: 'new-domain' })).toBe(2);
      expect(await emulator.admin.sendEvent([1, 2], 'key-c')).toBe(1);
      await c.waitFor((s) => s.events().length === 2);
      expect(c.events()).toEqual([{ event: 'future', domain: 'new-domain' }, [1, 2]]);
      expect(a.events()).toEqual([{ event: 'future', domain: 'new-domain' }]);
      [a, c].forEach((s) => s.close());
    });

    it('writes data verbatim, one data: line per line', async () => {
      const a = await connect('key-a');
      expect(await emulator.admin.sendData('not json\n{"x":1}')).toBe(1);
      await a.waitFor((s) => s.chunks.length === 2);
      expect(a.chunks[1]).toBe('event: *\ndata: not json\ndata: {"x":1}\n\n');
      a.close();
    });

    it('rejects a body with neither event nor data', async () => {
      const response = await fetch(`${emulator.baseUrl}/admin/stream/events`, {
        method: 'POST',
        body: '{"key":"key-a"}',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/event/) });
    });
  });

  describe('GET /admin/streams', () => {
    it('counts open streams in total and per key', async () => {
      const streams = [await connect('key-a'), await connect('key-a'), await connect('key-c')];
      expect(await emulator.admin.streamCount()).toBe(3);
      expect(await emulator.admin.streamCount('key-a')).toBe(2);
      expect(await emulator.admin.streamCount('key-ab')).toBe(0);
      streams.forEach((s) => s.close());
    });
  });

  describe('the request log', () => {
    it('records method, path, query, headers, parsed body and time of every SaaS request, not admin calls', async () => {
      await fetch(`${emulator.clientServiceUrl}/proxy/auth?x=1&x=2`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'ff-proxy-ts/2.0.0' },
        body: '{"proxyKey":"key-a"}',
      });
      now += 5;
      await fetch(`${emulator.clientServiceUrl}/metrics/${ENV_A}?cluster=1`, { method: 'POST', body: 'plain text' });
      await emulator.admin.state();
      expect(await emulator.admin.requests()).toEqual([
        {
          method: 'POST',
          path: '/api/1.0/proxy/auth',
          query: { x: ['1', '2'] },
          headers: expect.objectContaining({ 'content-type': 'application/json', 'user-agent': 'ff-proxy-ts/2.0.0' }),
          body: { proxyKey: 'key-a' },
          time: 1_700_000_000_000,
        },
        expect.objectContaining({
          method: 'POST',
          path: `/api/1.0/metrics/${ENV_A}`,
          query: { cluster: '1' },
          body: 'plain text',
          time: 1_700_000_000_005,
        }),
      ]);
    });

    it('filters by exact path, path prefix and method, and clears', async () => {
      await authenticate(emulator, 'key-a');
      await fetch(`${emulator.clientServiceUrl}/client/env/${ENV_A}/feature-configs`);
      const paths = async (filter: Parameters<SaasEmulator['admin']['requests']>[0]) =>
        (await emulator.admin.requests(filter)).map((r) => r.path);
      expect(await paths({ path: '/api/1.0/proxy/auth' })).toEqual(['/api/1.0/proxy/auth']);
      expect(await paths({ pathPrefix: '/api/1.0/client/' })).toEqual([`/api/1.0/client/env/${ENV_A}/feature-configs`]);
      expect(await paths({ method: 'get' })).toEqual([`/api/1.0/client/env/${ENV_A}/feature-configs`]);
      await emulator.admin.clearRequests();
      expect(await emulator.admin.requests()).toEqual([]);
    });
  });

  describe('bad admin input', () => {
    it.each([
      ['PUT', `/admin/environments/${ENV_A}/flags/f1`, '{not json', 400],
      ['PUT', `/admin/environments/${ENV_A}/flags/f1`, '[]', 400],
      ['PUT', '/admin/environments/e1', '{"identifier":"dev"}', 400],
      ['PUT', '/admin/proxy-keys/k', '{"environments":"x"}', 400],
      ['POST', '/admin/proxy-keys/key-a/rotate', '{"newKey":"n","bufferSeconds":-1}', 400],
      ['POST', '/admin/faults', '{"target":"stream","mode":"stale"}', 400],
      ['GET', '/admin/nothing', '', 404],
      ['PATCH', '/admin/reset', '', 405],
      ['PUT', `/admin/environments/${ENV_A}/flags/%E0%A4%A`, '{}', 400],
    ])('%s %s %s → %i {"error"}', async (method, path, body, status) => {
      const response = await fetch(`${emulator.baseUrl}${path}`, { method, body: body === '' ? undefined : body });
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    });
  });
});
