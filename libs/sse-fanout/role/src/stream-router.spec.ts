import { request as httpRequest } from 'node:http';
import {
  createFakeTokenVerifier,
  markSynced,
  openTestStream,
  seedEnvironment,
  startTestFanout,
  type TestFanout,
} from './testing';

const ENV_A = '71716f30-aea0-4271-89b5-cb1c82be4567';
const ENV_B = '0f0e0d0c-0000-4000-8000-000000000002';
const tokens = createFakeTokenVerifier();
const bearer = (env: string, key: string) => `Bearer ${tokens.tokenFor(env, key)}`;

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function call(port: number, method: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: '/stream?cluster=1', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function seedTwoEnvironments(t: TestFanout): Promise<void> {
  await seedEnvironment(t.cache, { envId: ENV_A, sdkKeys: ['key-a'], version: 1 });
  await seedEnvironment(t.cache, { envId: ENV_B, sdkKeys: ['key-b'], version: 1 });
}

describe.each([
  ['through the fast path', true],
  ['through the express route', false],
])('GET /stream checks (spec/sdk-api.md §8.1), %s', (_path, streamFastPath) => {
  let t: TestFanout;

  beforeEach(async () => {
    t = await startTestFanout({ streamFastPath });
    await seedTwoEnvironments(t);
    await markSynced(t.cache);
    await t.replica.configStatus.refresh();
  });
  afterEach(() => t.close());

  it.each([
    ['no Authorization header', {}, 401, 'missing or malformed jwt'],
    ['a scheme other than Bearer', { Authorization: 'Basic abc', 'API-Key': 'key-a' }, 401, 'missing or malformed jwt'],
    ['a garbage token', { Authorization: 'Bearer garbage', 'API-Key': 'key-a' }, 401, 'invalid token'],
    [
      'a token of an SDK key that is gone',
      { Authorization: bearer(ENV_A, 'deleted-key'), 'API-Key': 'key-a' },
      401,
      'invalid token',
    ],
    ['no API-Key', { Authorization: bearer(ENV_A, 'key-a') }, 400, "bad request: API-Key can't be empty"],
    [
      'an empty API-Key',
      { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': '' },
      400,
      "bad request: API-Key can't be empty",
    ],
    [
      'a wrong API-Key',
      { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'nope' },
      404,
      'not found: no environment found for API-Key',
    ],
    [
      'the key of another environment',
      { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'key-b' },
      403,
      "API-Key does not belong to the token's environment",
    ],
  ])('answers %s with the specified status and body', async (_name, headers, status, message) => {
    const answer = await call(t.port, 'GET', headers as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.body).toBe(JSON.stringify({ error: message }));
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(t.fanout.connectionCount()).toBe(0);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'])('answers %s with 405 and Allow: GET, OPTIONS', async (method) => {
    const answer = await call(t.port, method, { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'key-a' });
    expect(answer.status).toBe(405);
    expect(answer.headers['allow']).toBe('GET, OPTIONS');
    if (method !== 'HEAD') expect(answer.body).toBe('{"error":"method not allowed"}');
  });

  it('answers the CORS preflight before authentication', async () => {
    const answer = await call(t.port, 'OPTIONS', {});
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-headers']).toBe('*, Authorization');
  });

  it('leaves paths other than exactly /stream to other routers', async () => {
    const answer = await new Promise<number>((resolve) => {
      httpRequest({ host: '127.0.0.1', port: t.port, path: '/stream/' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).end();
    });
    expect(answer).toBe(404);
  });

  it('labels the request metric with the token environment once the token checks passed', async () => {
    await call(t.port, 'GET', { Authorization: 'Bearer garbage', 'API-Key': 'key-a' });
    await call(t.port, 'GET', { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'nope' });
    const stream = await openTestStream({
      port: t.port,
      headers: { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'key-a' },
    });
    const text = await t.registry.metrics();
    expect(text).toContain('ff_proxy_http_requests_total{code="401",envID="",method="GET",url="/stream"} 1');
    expect(text).toContain(`ff_proxy_http_requests_total{code="404",envID="${ENV_A}",method="GET",url="/stream"} 1`);
    expect(text).toContain(`ff_proxy_http_requests_total{code="200",envID="${ENV_A}",method="GET",url="/stream"} 1`);
    stream.close();
  });

  it('accepts a stream whose token and key match', async () => {
    const stream = await openTestStream({
      port: t.port,
      headers: { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'key-a' },
    });
    expect(stream.status).toBe(200);
    await stream.waitFor((text) => text === ':\n\n');
    expect(t.fanout.connectionCount(ENV_A)).toBe(1);
    stream.close();
  });
});

describe('GET /stream before the first sync', () => {
  it('answers 503 only for that reason, and accepts once a sync was seen', async () => {
    const t = await startTestFanout();
    await seedTwoEnvironments(t);
    const headers = { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'key-a' };
    const refused = await call(t.port, 'GET', headers);
    expect(refused.status).toBe(503);
    expect(refused.body).toBe('{"error":"proxy has not synced with Harness yet: streaming endpoint disabled"}');
    await markSynced(t.cache);
    await t.replica.configStatus.refresh();
    const stream = await openTestStream({ port: t.port, headers });
    expect(stream.status).toBe(200);
    stream.close();
    await t.close();
  });
});

describe('GET /stream with BYPASS_AUTH', () => {
  it('needs no token, resolves the environment from API-Key and skips the 403 check', async () => {
    const t = await startTestFanout({ config: { bypassAuth: true } });
    await seedTwoEnvironments(t);
    await markSynced(t.cache);
    await t.replica.configStatus.refresh();
    expect((await call(t.port, 'GET', {})).status).toBe(400);
    expect((await call(t.port, 'GET', { 'API-Key': 'nope' })).status).toBe(404);
    const stream = await openTestStream({
      port: t.port,
      headers: { Authorization: bearer(ENV_A, 'key-a'), 'API-Key': 'key-b' },
    });
    expect(stream.status).toBe(200);
    await stream.waitFor((text) => text === ':\n\n');
    expect(t.fanout.connectionCount(ENV_B)).toBe(1);
    stream.close();
    await t.close();
  });
});
