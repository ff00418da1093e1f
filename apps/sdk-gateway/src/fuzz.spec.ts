import { Agent, request as httpRequest } from 'node:http';
import { createHmac } from 'node:crypto';
import type { HttpServerHandle } from '@relay/http';
import { createSdkTokens } from '@relay/sdk-auth';
import { fixtureEnvironments, seedEnvironment, startGatewayTestbed, type GatewayTestbed } from '@relay/sdk-gateway/testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const SECRET = 'fuzzing-secret-of-at-least-32-bytes!';
const REQUESTS = 4000;
const CONCURRENCY = 16;

/** mulberry32: the same requests on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const printable = (length: number) => Array.from({ length }, () => String.fromCharCode(32 + int(95))).join('');
  return { int, pick, printable, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof seeded>;

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function segment(random: Random): string {
  return random.pick([
    ENV,
    'bool-flag1',
    'json-flag',
    'flag%2Fwith%2Fslash',
    'x',
    '%',
    '%ZZ',
    '%C3%28',
    '..',
    '%2e%2e',
    'a'.repeat(random.int(3000)),
    encodeURIComponent(random.printable(random.int(40))),
    '%F0%9F%91%8B',
  ]);
}

function path(random: Random): string {
  const s = () => segment(random);
  const env = random.chance(0.6) ? ENV : s();
  const query = random.pick(['', '?cluster=1', '?rules=v2', '?cluster=1;rules=v2', '?rules=%zz', `?${encodeURIComponent(random.printable(20))}`, '?a=1&a=2&&&;;']);
  const base = random.pick([
    '/client/auth',
    `/client/env/${env}/feature-configs`,
    `/client/env/${env}/feature-configs/${s()}`,
    `/client/env/${env}/target-segments`,
    `/client/env/${env}/target-segments/${s()}`,
    `/client/env/${env}/target/${s()}/evaluations`,
    `/client/env/${env}/target/${s()}/evaluations/${s()}`,
    `/metrics/${env}`,
    '/health',
    `/client/env/${env}`,
    `/${s()}/${s()}`,
    `/client/env/${env}/feature-configs/${s()}/${s()}`,
    '//client//auth',
    '/CLIENT/AUTH',
  ]);
  return base + query;
}

function jsonValue(random: Random, depth = 0): unknown {
  const kind = random.int(depth > 3 ? 5 : 8);
  if (kind === 0) return null;
  if (kind === 1) return random.chance(0.5);
  if (kind === 2) return random.pick([0, -1, 1e308, 3.5, Number.MAX_SAFE_INTEGER]);
  if (kind === 3) return random.printable(random.int(30));
  if (kind === 4) return random.pick(['', 'apikey1', 'user1', 'v2', '__proto__']);
  if (kind === 5) return Array.from({ length: random.int(4) }, () => jsonValue(random, depth + 1));
  const keys = ['apiKey', 'apikey', 'APIKEY', 'target', 'identifier', 'name', 'anonymous', 'attributes', 'metricsData', 'targetData', '__proto__', 'constructor'];
  return Object.fromEntries(Array.from({ length: random.int(5) }, () => [random.pick(keys), jsonValue(random, depth + 1)]));
}

function body(random: Random): string {
  return random.pick([
    () => '',
    () => '   ',
    () => JSON.stringify(jsonValue(random)),
    () => JSON.stringify({ apiKey: random.pick(['apikey1', 'nope', '']), target: jsonValue(random) }),
    () => JSON.stringify({ metricsData: jsonValue(random), targetData: jsonValue(random) }),
    () => JSON.stringify({ metricsData: [{ count: 1, attributes: [] }], targetData: [{ identifier: random.printable(10) }] }),
    () => random.printable(random.int(200)),
    () => '{"apiKey":"apikey1","target":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    () => '{"a":"' + 'x'.repeat(9000) + '"}',
    () => '\u0000\u00ff{',
  ])();
}

function authorization(random: Random, valid: string): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  const signed = (header: object, payload: object) => {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
  };
  return random.pick([
    undefined,
    `Bearer ${valid}`,
    `Bearer ${valid}`,
    `bearer  ${valid}`,
    'Bearer',
    `Bearer ${random.printable(random.int(100)).replace(/\s/g, '')}`,
    `Bearer ${b64({ alg: 'none' })}.${b64({ environment: ENV, apiKey: 'auth-key-x' })}.`,
    `Bearer ${signed({ alg: 'HS256' }, { environment: ENV, apiKey: 'auth-key-x', exp: now - 3600 })}`,
    `Bearer ${signed({ alg: 'HS256' }, { environment: [ENV], apiKey: 7 })}`,
    `Bearer ${signed({ alg: 'HS256' }, random.pick([[], 'text', null]) as object)}`,
    `Basic ${b64('user:pass')}`,
  ]);
}

function harnessTarget(random: Random): string | undefined {
  return random.pick([
    undefined,
    Buffer.from(JSON.stringify({ identifier: 'user1', attributes: jsonValue(random) })).toString('base64'),
    b64(jsonValue(random)),
    random.printable(random.int(60)),
    '====',
    Buffer.from([0xff, 0xfe, 0x00]).toString('base64'),
    b64({ identifier: 'x'.repeat(50_000) }),
  ]);
}

function fuzzRequest(random: Random, token: string): FuzzRequest {
  const method = random.pick(['GET', 'GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  const headers: Record<string, string> = {};
  const auth = authorization(random, token);
  if (auth !== undefined) headers['authorization'] = auth;
  const harness = harnessTarget(random);
  if (harness !== undefined) headers['harness-target'] = harness;
  if (random.chance(0.3)) headers['content-type'] = random.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', random.printable(10)]);
  if (random.chance(0.2)) headers['x-request-id'] = random.printable(random.int(40)).trim() || 'r';
  const target = method === 'POST' && random.chance(0.8) ? random.pick(['/client/auth', `/metrics/${ENV}`]) : path(random);
  return { method, path: target, headers, body: method === 'POST' || method === 'PUT' || method === 'PATCH' ? body(random) : undefined };
}

function send(port: number, agent: Agent, fuzz: FuzzRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, agent, method: fuzz.method, path: fuzz.path, headers: fuzz.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(fuzz.body);
  });
}

describe('fuzzing every route with malformed requests', () => {
  let bed: GatewayTestbed;
  let server: HttpServerHandle;
  afterAll(async () => {
    await server.close();
    await bed.close();
  });

  it(`answers ${REQUESTS} generated requests without a single 5xx`, async () => {
    const tokens = createSdkTokens({ authSecrets: [SECRET] });
    bed = await startGatewayTestbed({ tokens, config: { maxRequestBodyBytes: 8192, forwardTargets: true, andRules: true } });
    const envs = fixtureEnvironments();
    await seedEnvironment(bed.cache, ENV, { flags: [...envs['typical']!.flags!, ...envs['unusual']!.flags!], segments: envs['typical']!.segments, sdkKeys: ['apikey1'] });
    server = await bed.listen();
    const token = await bed.tokenFor(ENV, 'apikey1');
    const random = seeded(20240611);
    const requests = Array.from({ length: REQUESTS }, () => fuzzRequest(random, token));
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const statuses = new Map<number, number>();
    const failures: FuzzRequest[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const fuzz = requests[next++]!;
          const status = await send(server.port, agent, fuzz);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) failures.push(fuzz);
        }
      }),
    );
    agent.destroy();
    await bed.gateway.settled();
    expect(failures.slice(0, 5)).toEqual([]);
    expect(bed.logger.find('request failed')).toEqual([]);
    // The run reached deep: successes, every kind of refusal.
    for (const status of [200, 204, 400, 401, 404, 405, 413]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    const alive = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(alive.status).toBe(200);
  });
});
