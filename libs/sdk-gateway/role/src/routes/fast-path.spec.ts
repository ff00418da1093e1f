import { connect } from 'node:net';
import { listen, type HttpServerHandle } from '@relay/http';
import { createMemoryStore } from '@relay/store';
import {
  createControllableCache,
  fixtureEnvironments,
  seedEnvironment,
  startGatewayTestbed,
  type ControllableCache,
  type GatewayTestbed,
  type GatewayTestbedOptions,
} from '../testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const OTHER = '5f2b1f8e-1111-4222-8333-444444444444';

/** Sends one raw HTTP/1.1 request and returns the raw response, minus the `Date` header. */
function rawExchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').replace(/\r\nDate: [^\r]*/, '')));
    socket.end(`${head}\r\nHost: gateway\r\nX-Request-Id: fixed-id\r\nConnection: close\r\n\r\n`);
  });
}

describe('the fast path of the snapshot-served GET routes', () => {
  let bed: GatewayTestbed;
  let cache: ControllableCache;
  let fast: HttpServerHandle;
  let plain: HttpServerHandle;
  let handled = 0;
  const tokens: Record<string, string> = {};

  const start = async (options: GatewayTestbedOptions = {}) => {
    const memory = createMemoryStore();
    cache = createControllableCache(memory.cache);
    bed = await startGatewayTestbed({ ...options, store: { cache, events: memory.events } });
    const envs = fixtureEnvironments();
    await seedEnvironment(cache, ENV, { ...envs['unusual'], sdkKeys: ['k1'] });
    await seedEnvironment(cache, OTHER, { ...envs['typical'], sdkKeys: ['k2'], version: false });
    tokens[ENV] = await bed.tokenFor(ENV, 'k1');
    tokens[OTHER] = await bed.tokenFor(OTHER, 'k2');
    handled = 0;
    const fastPath = bed.gateway.fastPath;
    fast = await listen(bed.app, { port: 0, host: '127.0.0.1', logger: bed.logger, fastPath: (req, res) => (fastPath(req, res) ? (handled += 1) > 0 : false) });
    plain = await listen(bed.app, { port: 0, host: '127.0.0.1', logger: bed.logger });
  };

  /** Both servers' raw answers to the same request; they must be identical. */
  const both = async (head: string) => [await rawExchange(fast.port, head), await rawExchange(plain.port, head)] as const;

  afterEach(async () => {
    await fast.close();
    await plain.close();
    await bed.close();
  });

  const requests = (envId: string) => {
    const auth = `\r\nAuthorization: Bearer ${tokens[envId]}`;
    const target = (value: unknown) => `\r\nHarness-Target: ${Buffer.from(JSON.stringify(value)).toString('base64')}`;
    const base = `/client/env/${envId}`;
    return [
      `GET ${base}/feature-configs HTTP/1.1${auth}`,
      `HEAD ${base}/feature-configs?cluster=1 HTTP/1.1${auth}`,
      `GET ${base}/feature-configs/plain HTTP/1.1${auth}`,
      `GET ${base}/feature-configs/bool-flag1?cluster=1 HTTP/1.1${auth}`,
      `GET ${base}/feature-configs/missing HTTP/1.1${auth}`,
      `GET ${base}/target-segments HTTP/1.1${auth}`,
      `GET ${base}/target-segments?cluster=1;rules=v2 HTTP/1.1${auth}`,
      `GET ${base}/target-segments?rules=v2&rules=v1 HTTP/1.1${auth}`,
      `HEAD ${base}/target-segments?rules=v2 HTTP/1.1${auth}`,
      `GET ${base}/target-segments/legacy?rules=v2 HTTP/1.1${auth}`,
      `GET ${base}/target-segments/beta-users HTTP/1.1${auth}`,
      `GET ${base}/target-segments/missing HTTP/1.1${auth}`,
      `GET ${base}/target/alice/evaluations?cluster=1 HTTP/1.1${auth}`,
      `GET ${base}/target/bob/evaluations HTTP/1.1${auth}${target({ identifier: 'alice', attributes: { email: 'a@example.com' } })}`,
      `GET ${base}/target/bob/evaluations HTTP/1.1${auth}\r\nHarness-Target: %%%`,
      `HEAD ${base}/target/bob/evaluations HTTP/1.1${auth}`,
      `GET ${base}/target/alice/evaluations/gold-flag HTTP/1.1${auth}`,
      `GET ${base}/target/alice/evaluations/plain HTTP/1.1${auth}${target({ identifier: 'carol' })}`,
      `GET ${base}/target/alice/evaluations/missing HTTP/1.1${auth}`,
      `GET ${base}/feature-configs HTTP/1.1`,
      `GET ${base}/target/alice/evaluations HTTP/1.1\r\nAuthorization: Bearer garbage`,
      `GET ${base}/feature-configs/plain HTTP/1.1\r\nAuthorization: Basic abc`,
      `GET /client/env/${envId === ENV ? OTHER : ENV}/feature-configs HTTP/1.1${auth}`,
      `GET /client/env/../target/alice/evaluations HTTP/1.1${auth}`,
    ];
  };

  it.each([false, true])('answers byte for byte as express does, headers included (AND_RULES=%s)', async (andRules) => {
    await start({ config: { andRules } });
    for (const envId of [ENV, OTHER]) {
      for (const head of requests(envId)) {
        const [viaFastPath, viaExpress] = await both(head);
        expect({ head, response: viaFastPath }).toEqual({ head, response: viaExpress });
      }
    }
    expect(handled).toBe(2 * requests(ENV).length);
    // Both servers recorded the same request metrics: every series was counted an even number of times.
    const series = (await bed.registry.metrics()).split('\n').filter((line) => line.startsWith('ff_proxy_http_requests_total{'));
    expect(series.length).toBeGreaterThan(3);
    for (const line of series) expect(Number(line.split(' ').pop()) % 2).toBe(0);
  });

  it('answers like express with BYPASS_AUTH, and while Redis fails', async () => {
    await start({ config: { bypassAuth: true } });
    for (const head of [`GET /client/env/${ENV}/feature-configs HTTP/1.1`, `GET /client/env/${OTHER}/target/u1/evaluations/gold-flag HTTP/1.1`]) {
      const [viaFastPath, viaExpress] = await both(head);
      expect(viaFastPath).toBe(viaExpress);
    }
    cache.failing = true;
    for (const path of ['feature-configs', 'target-segments/beta-users', 'target/u1/evaluations']) {
      const [viaFastPath, viaExpress] = await both(`GET /client/env/${OTHER}/${path} HTTP/1.1`);
      expect(viaFastPath).toContain('HTTP/1.1 500 Internal Server Error');
      expect(viaFastPath).toBe(viaExpress);
    }
    expect(bed.logger.find('request failed')).toHaveLength(6);
  });

  it('leaves every other spelling and route to express', async () => {
    await start();
    const auth = `\r\nAuthorization: Bearer ${tokens[ENV]}`;
    for (const head of [
      `GET /client/env/${ENV}/feature-configs/ HTTP/1.1${auth}`,
      `GET /CLIENT/env/${ENV}/feature-configs HTTP/1.1${auth}`,
      `GET /client/env/${ENV.replace('7', '%37')}/feature-configs HTTP/1.1${auth}`,
      `GET /client/env/${ENV}/feature-configs/flag%20with%20space HTTP/1.1${auth}`,
      `GET /client/env/${ENV}/target/a%40b/evaluations HTTP/1.1${auth}`,
      `GET /client/env/${ENV}/target/a:b/evaluations HTTP/1.1${auth}`,
      `GET /client/env/${ENV}/target/alice/evaluations/ HTTP/1.1${auth}`,
      `POST /client/env/${ENV}/feature-configs HTTP/1.1${auth}`,
      `OPTIONS /client/env/${ENV}/feature-configs HTTP/1.1`,
    ]) {
      const [viaFastPath, viaExpress] = await both(head);
      expect(viaFastPath).toBe(viaExpress);
    }
    expect(handled).toBe(0);
  });
});
