import { connect } from 'node:net';
import { createMemoryStore } from '@relay/store';
import {
  createFakeTokenVerifier,
  markSynced,
  seedEnvironment,
  startTestFanout,
  waitUntil,
  type TestFanout,
} from './testing';

const ENV_A = '71716f30-aea0-4271-89b5-cb1c82be4567';
const ENV_B = '0f0e0d0c-0000-4000-8000-000000000002';
const tokens = createFakeTokenVerifier();
const bearer = (env: string, key: string) => `Bearer ${tokens.tokenFor(env, key)}`;

/** The raw response to `request` up to `complete(text)`, with the Date header blanked. */
function rawExchange(port: number, request: string, complete: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (!complete(text)) return;
      socket.destroy();
      resolve(text.replace(/\r\nDate: [^\r]*\r\n/, '\r\nDate: -\r\n'));
    });
    socket.on('error', reject);
    socket.write(request);
  });
}

const bodyComplete = (text: string) => {
  const head = text.indexOf('\r\n\r\n');
  const length = /Content-Length: (\d+)/i.exec(text)?.[1];
  return head >= 0 && (length === undefined || text.length >= head + 4 + Number(length));
};

const request = (headers: Record<string, string>, method = 'GET', path = '/stream?cluster=1') =>
  `${method} ${path} HTTP/1.1\r\nHost: relay\r\nX-Request-Id: req-7\r\nHarness-SDK-ApplicationID: app-1\r\n` +
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('') +
  'Connection: close\r\n\r\n';

describe('the /stream fast path', () => {
  let fast: TestFanout;
  let routed: TestFanout;

  beforeAll(async () => {
    const store = createMemoryStore();
    fast = await startTestFanout({ store });
    routed = await startTestFanout({ store, streamFastPath: false });
    await seedEnvironment(store.cache, { envId: ENV_A, sdkKeys: ['key-a'], version: 1 });
    await seedEnvironment(store.cache, { envId: ENV_B, sdkKeys: ['key-b'], version: 1 });
    await markSynced(store.cache);
    await Promise.all([fast.replica.configStatus.refresh(), routed.replica.configStatus.refresh()]);
  });
  afterAll(async () => {
    await fast.close();
    await routed.close();
  });

  it.each([
    ['no token', {}],
    ['a garbage token', { Authorization: 'Bearer garbage', 'API-Key': 'key-a' }],
    ['no API-Key', { Authorization: bearer(ENV_A, 'key-a') }],
    ['an unknown API-Key', { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'nope' }],
    ['the key of another environment', { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'key-b' }],
  ])('refuses %s with the same bytes as the express route', async (_name, headers) => {
    const viaFastPath = await rawExchange(fast.port, request(headers), bodyComplete);
    expect(viaFastPath).toBe(await rawExchange(routed.port, request(headers), bodyComplete));
    expect(viaFastPath).toMatch(/^HTTP\/1\.1 4\d\d /);
  });

  it('accepts a stream with the same head and first chunk as the express route', async () => {
    const headers = { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'key-a' };
    const accepted = (text: string) => text.includes('\r\n\r\n3\r\n:\n\n\r\n');
    const viaFastPath = await rawExchange(fast.port, request(headers), accepted);
    expect(viaFastPath).toBe(await rawExchange(routed.port, request(headers), accepted));
    expect(viaFastPath).toContain(
      'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nX-Request-Id: req-7\r\nContent-Type: text/event-stream\r\n',
    );
  });

  it('records the same request metrics and log lines as the express route', async () => {
    await waitUntil(() => fast.fanout.connectionCount() + routed.fanout.connectionCount() === 0);
    const fastLines = fast.logger.lines.length;
    const routedLines = routed.logger.lines.length;
    for (const t of [fast, routed]) {
      await rawExchange(t.port, request({ Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'nope' }), bodyComplete);
      await rawExchange(t.port, request({ Authorization: bearer(ENV_B, 'key-b'), 'API-Key': 'key-b' }), (text) =>
        text.endsWith(':\n\n\r\n'),
      );
      await waitUntil(() => t.fanout.connectionCount(ENV_B) === 0);
    }
    const series = async (t: TestFanout) =>
      (await t.registry.metrics()).split('\n').filter((line) => line.startsWith('ff_proxy_http_requests_total'));
    expect(await series(fast)).toEqual(await series(routed));
    expect(await series(fast)).toContain(
      `ff_proxy_http_requests_total{code="200",envID="${ENV_B}",method="GET",url="/stream"} 1`,
    );
    const shape = (lines: typeof fast.logger.lines) =>
      lines.map(({ msg, level, reason, envID, reqID, appID, status, path }) => ({
        msg,
        level,
        reason,
        envID,
        reqID,
        appID,
        status,
        path,
      }));
    expect(shape(fast.logger.lines.slice(fastLines))).toEqual(shape(routed.logger.lines.slice(routedLines)));
  });

  it('leaves other methods and paths to express', async () => {
    const options = await rawExchange(fast.port, request({}, 'OPTIONS'), bodyComplete);
    expect(options).toMatch(/^HTTP\/1\.1 204 /);
    const post = await rawExchange(fast.port, request({}, 'POST'), bodyComplete);
    expect(post).toBe(await rawExchange(routed.port, request({}, 'POST'), bodyComplete));
    expect(post).toContain('Allow: GET, OPTIONS');
    expect(await rawExchange(fast.port, request({}, 'GET', '/streams'), bodyComplete)).toMatch(/^HTTP\/1\.1 404 /);
  });
});
