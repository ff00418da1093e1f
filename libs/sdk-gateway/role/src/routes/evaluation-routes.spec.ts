import request from 'supertest';
import { redisKeys } from '@relay/redis-contract';
import {
  booleanFlag,
  jsonFlag,
  seedEnvironment,
  segmentFixture,
  segmentRuleFlag,
  startGatewayTestbed,
  type GatewayTestbed,
  type GatewayTestbedOptions,
} from '../testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const KEY = 'apikey1';
const header = (target: unknown) => Buffer.from(JSON.stringify(target)).toString('base64');

describe('evaluation routes', () => {
  let bed: GatewayTestbed;
  let token: string;
  const flags = [booleanFlag('bool-flag1', { state: 'off' }), jsonFlag('json-flag'), segmentRuleFlag('tier', 'beta')];
  const start = async (options: GatewayTestbedOptions = {}, extraFlags = flags) => {
    bed = await startGatewayTestbed(options);
    await seedEnvironment(bed.cache, ENV, { flags: extraFlags, segments: [segmentFixture('beta')], sdkKeys: [KEY] });
    token = await bed.tokenFor(ENV, KEY);
  };
  const get = (path: string) => request(bed.app).get(path).set('Authorization', `Bearer ${token}`);
  const evaluations = (target: string) => `/client/env/${ENV}/target/${target}/evaluations`;
  const tierOf = (body: { flag: string; value: string }[]) => body.find((item) => item.flag === 'tier')?.value;

  afterEach(() => bed.close());

  it('answers a bare array in flag order with raw variation values', async () => {
    await start();
    const res = await get(evaluations('alice')).expect(200).expect('Content-Type', 'application/json; charset=utf-8');
    expect(res.text).toBe(
      JSON.stringify([
        { flag: 'bool-flag1', identifier: 'false', kind: 'boolean', value: 'false' },
        { flag: 'json-flag', identifier: 'v1', kind: 'json', value: '{"a":1,"nested":{"b":[true,"ü"]}}' },
        { flag: 'tier', identifier: 'gold', kind: 'string', value: 'gold' },
      ]),
    );
  });

  it('uses the Harness-Target header first, its identifier winning over the path', async () => {
    await start();
    const res = await get(evaluations('nobody')).set('Harness-Target', header({ identifier: 'carol', attributes: { email: 'carol@example.com' } })).expect(200);
    expect(tierOf(res.body)).toBe('gold');
    const alice = await get(evaluations('nobody')).set('Harness-Target', header({ identifier: 'alice', name: 'Alice' }).replace(/=+$/, '')).expect(200);
    expect(tierOf(alice.body)).toBe('gold');
  });

  it('falls back to the target stored by /client/auth, then to the path identifier', async () => {
    await start();
    expect(tierOf((await get(evaluations('dave')).expect(200)).body)).toBe('plain');
    await request(bed.app).post('/client/auth').send({ apiKey: KEY, target: { identifier: 'dave', attributes: { email: 'dave@example.com' } } }).expect(200);
    await bed.gateway.settled();
    expect(tierOf((await get(evaluations('dave')).expect(200)).body)).toBe('gold');
  });

  it('ignores an undecodable Harness-Target header, with a warning that does not show it', async () => {
    await start();
    await bed.cache.set(redisKeys.targetConfig(ENV, 'erin'), JSON.stringify({ identifier: 'erin', name: 'Erin', attributes: { email: 'e@example.com' } }));
    const res = await get(evaluations('erin')).set('Harness-Target', '%%%not-base64').expect(200);
    expect(tierOf(res.body)).toBe('gold');
    const [warning] = bed.logger.find('harness-target header ignored');
    expect(warning).toMatchObject({ level: 'warn', envID: ENV });
    expect(JSON.stringify(warning)).not.toContain('not-base64');
  });

  it('applies AND_RULES to segment serving rules', async () => {
    await start({ config: { andRules: true } });
    const onlyEmail = header({ identifier: 'frank', attributes: { email: 'f@example.com' } });
    const both = header({ identifier: 'frank', attributes: { email: 'f@example.com', plan: 'pro' } });
    expect(tierOf((await get(evaluations('frank')).set('Harness-Target', onlyEmail)).body)).toBe('plain');
    expect(tierOf((await get(evaluations('frank')).set('Harness-Target', both)).body)).toBe('gold');
  });

  it('answers one evaluation, or 404 for an unknown flag', async () => {
    await start();
    await get(`${evaluations('alice')}/json-flag`).expect(200, { flag: 'json-flag', identifier: 'v1', kind: 'json', value: '{"a":1,"nested":{"b":[true,"ü"]}}' });
    await get(`${evaluations('alice')}/nope`).expect(404, { error: 'not found: feature config nope' });
  });

  it('leaves a failing flag out of the list and answers 500 for it alone, counting and logging it', async () => {
    await start({}, [...flags, booleanFlag('broken', { offVariation: 'missing', state: 'off' })]);
    const list = await get(evaluations('alice')).expect(200);
    expect((list.body as { flag: string }[]).map((item) => item.flag)).toEqual(['bool-flag1', 'json-flag', 'tier']);
    await get(`${evaluations('alice')}/broken`).expect(500, { error: 'internal error' });
    expect(bed.logger.find('evaluation failed')).toEqual([
      expect.objectContaining({ level: 'warn', envID: ENV, identifier: 'broken' }),
      expect.objectContaining({ level: 'warn', envID: ENV, identifier: 'broken' }),
    ]);
    expect(bed.logger.find('request failed')).toHaveLength(1);
    expect(await bed.registry.metrics()).toContain(`ff_proxy_evaluation_failures_total{envID="${ENV}"} 2`);
  });

  it('answers [] for an environment without flags', async () => {
    await start({}, []);
    await get(evaluations('alice')).expect(200, []);
  });

  it('answers HEAD without a body and 405 with Allow for POST', async () => {
    await start();
    const head = await request(bed.app).head(evaluations('alice')).set('Authorization', `Bearer ${token}`).expect(200);
    expect(head.text).toBeUndefined();
    const res = await request(bed.app).post(`${evaluations('alice')}/tier`).expect(405);
    expect(res.headers['allow']).toBe('GET, HEAD, OPTIONS');
  });
});
