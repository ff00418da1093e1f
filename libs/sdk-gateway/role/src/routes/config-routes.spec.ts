import request from 'supertest';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import {
  fixtureEnvironments,
  referenceBody,
  seedEnvironment,
  startGatewayTestbed,
  type GatewayTestbed,
  type GatewayTestbedOptions,
} from '../testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const OTHER_ENV = '0c1b0f2e-0000-4000-8000-000000000000';
const KEY = 'apikey1';

describe('configuration routes', () => {
  let bed: GatewayTestbed;
  let token: string;
  const start = async (options: GatewayTestbedOptions = {}) => {
    bed = await startGatewayTestbed(options);
    await seedEnvironment(bed.cache, ENV, { ...fixtureEnvironments()['unusual'], sdkKeys: [KEY] });
    token = await bed.tokenFor(ENV, KEY);
  };
  const get = (path: string) => request(bed.app).get(path).set('Authorization', `Bearer ${token}`);

  afterEach(() => bed.close());

  describe('GET /client/env/{env}/feature-configs', () => {
    it('answers the stored list bytes', async () => {
      await start();
      const res = await get(`/client/env/${ENV}/feature-configs?cluster=1`).expect(200).expect('Content-Type', 'application/json; charset=utf-8');
      expect(res.text).toBe(await referenceBody(bed.cache, ENV, { route: 'feature-configs' }));
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['etag']).toBeUndefined();
      expect(res.headers['cache-control']).toBeUndefined();
    });

    it('answers [] for an environment without flags', async () => {
      await start();
      await seedEnvironment(bed.cache, OTHER_ENV, { sdkKeys: ['other-key'] });
      token = await bed.tokenFor(OTHER_ENV, 'other-key');
      await get(`/client/env/${OTHER_ENV}/feature-configs`).expect(200, []);
    });

    it('answers HEAD like GET without a body', async () => {
      await start();
      const res = await request(bed.app).head(`/client/env/${ENV}/feature-configs`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.text).toBeUndefined();
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength((await referenceBody(bed.cache, ENV, { route: 'feature-configs' }))!));
    });

    it('answers 405 with Allow for POST', async () => {
      await start();
      const res = await request(bed.app).post(`/client/env/${ENV}/feature-configs`).expect(405, { error: 'method not allowed' });
      expect(res.headers['allow']).toBe('GET, HEAD, OPTIONS');
    });
  });

  describe('GET /client/env/{env}/feature-configs/{identifier}', () => {
    it('answers the per-item key bytes for a percent-encoded identifier', async () => {
      await start();
      const res = await get(`/client/env/${ENV}/feature-configs/flag%2Fwith%2Fslash`).expect(200);
      expect(res.text).toBe(await bed.cache.get(redisKeys.featureConfig(ENV, 'flag/with/slash')));
      await get(`/client/env/${ENV}/feature-configs/flag with space`).expect(200);
      await get(`/client/env/${ENV}/feature-configs/%C3%BCmlaut`).expect(200);
    });

    it('answers 404 for an unknown flag, leaving a malformed escape raw', async () => {
      await start();
      await get(`/client/env/${ENV}/feature-configs/nope`).expect(404, { error: 'not found: feature config nope' });
      await get(`/client/env/${ENV}/feature-configs/bad%ZZ`).expect(404, { error: 'not found: feature config bad%ZZ' });
    });
  });

  describe('GET /client/env/{env}/target-segments[/{identifier}]', () => {
    const segmentsPath = `/client/env/${ENV}/target-segments`;

    it.each([
      [false, '', 'rules'],
      [false, '?rules=v2', 'rules'],
      [true, '', 'rules'],
      [true, '?cluster=1;rules=v2', 'servingRules'],
      [true, '?rules=v1', 'rules'],
    ] as const)('with AND_RULES=%s and query %j keeps only %s', async (andRules, query, keep) => {
      await start({ config: { andRules } });
      const list = await get(`${segmentsPath}${query}`).expect(200);
      expect(list.text).toBe(await referenceBody(bed.cache, ENV, { route: 'target-segments', keep }));
      const drop = keep === 'rules' ? 'servingRules' : 'rules';
      for (const segment of list.body as Record<string, unknown>[]) expect(segment).not.toHaveProperty(drop);
      const single = await get(`${segmentsPath}/seg%2520x${query}`).expect(200);
      expect(single.text).toBe(await referenceBody(bed.cache, ENV, { route: 'target-segment', identifier: 'seg%20x', keep }));
    });

    it('answers 404 for an unknown segment', async () => {
      await start();
      await get(`${segmentsPath}/nope`).expect(404, { error: 'not found: target segment nope' });
    });
  });

  describe('token checks (spec/sdk-api.md §5.3)', () => {
    const path = `/client/env/${ENV}/feature-configs`;

    it.each([
      ['no header', undefined],
      ['an empty header', ''],
      ['another scheme', 'Basic abc'],
      ['no token', 'Bearer '],
      ['no space', 'Bearerabc'],
    ])('answers 401 missing or malformed jwt for %s', async (_name, header) => {
      await start();
      const req = request(bed.app).get(path);
      if (header !== undefined) req.set('Authorization', header);
      await req.expect(401, { error: 'missing or malformed jwt' });
    });

    it('accepts the scheme in any case and several spaces', async () => {
      await start();
      await request(bed.app).get(path).set('Authorization', `bEaReR   ${token}`).expect(200);
    });

    it('answers 401 invalid token for a token it cannot verify', async () => {
      await start();
      await request(bed.app).get(path).set('Authorization', 'Bearer not.a.token').expect(401, { error: 'invalid token' });
    });

    it('answers 401 invalid token once the SDK key is gone from Redis', async () => {
      await start();
      const orphan = await bed.tokenFor(ENV, 'deleted-key');
      await request(bed.app).get(path).set('Authorization', `Bearer ${orphan}`).expect(401, { error: 'invalid token' });
      await bed.cache.set(redisKeys.authKey(sha256hex('moved-key')), JSON.stringify(OTHER_ENV));
      const moved = await bed.tokenFor(ENV, 'moved-key');
      await request(bed.app).get(path).set('Authorization', `Bearer ${moved}`).expect(401, { error: 'invalid token' });
    });

    it('answers 401 when the path names another environment than the token', async () => {
      await start();
      await get(`/client/env/${OTHER_ENV}/feature-configs`).expect(401, { error: `Environment ID [${ENV}] mismatch with requested ${OTHER_ENV}` });
    });

    it('routes before authenticating: an unknown path is a 404', async () => {
      await start();
      await request(bed.app).get(`/client/env/${ENV}/flags`).expect(404, { error: 'not found' });
    });

    it('skips every check with BYPASS_AUTH', async () => {
      await start({ config: { bypassAuth: true } });
      await request(bed.app).get(path).expect(200);
      await request(bed.app).get(path).set('Authorization', 'Bearer garbage').expect(200);
      expect(bed.logger.find('authentication is bypassed (BYPASS_AUTH=true)')).toHaveLength(1);
    });

    it('labels request metrics with the environment only once the environment check passed', async () => {
      await start();
      await get(path).expect(200);
      await request(bed.app).get(path).expect(401);
      const text = await bed.registry.metrics();
      expect(text).toContain(`ff_proxy_http_requests_total{code="200",envID="${ENV}",method="GET",url="/client/env/:environment_uuid/feature-configs"} 1`);
      expect(text).toContain('ff_proxy_http_requests_total{code="401",envID="",method="GET",url="/client/env/:environment_uuid/feature-configs"} 1');
    });
  });
});
