import request from 'supertest';
import { createMemoryStore } from '@relay/store';
import {
  booleanFlag,
  createControllableCache,
  seedEnvironment,
  segmentFixture,
  startGatewayTestbed,
  type ControllableCache,
  type GatewayTestbed,
} from './testing';

const HELD = '71716f30-aea0-4271-89b5-cb1c82be4567';
const UNCACHED = '5f2b1f8e-1111-4222-8333-444444444444';

describe('while Redis is unreachable (spec/redis-contract.md §7.1)', () => {
  let bed: GatewayTestbed;
  let cache: ControllableCache;
  const tokens: Record<string, string> = {};
  const get = (envId: string, path: string) => request(bed.app).get(`/client/env/${envId}${path}`).set('Authorization', `Bearer ${tokens[envId]}`);
  const paths = ['/feature-configs', '/feature-configs/f1', '/target-segments?rules=v2', '/target-segments/s1', '/target/u1/evaluations/f1'];

  beforeEach(async () => {
    const memory = createMemoryStore();
    cache = createControllableCache(memory.cache);
    bed = await startGatewayTestbed({ store: { cache, events: memory.events } });
    await seedEnvironment(cache, HELD, { flags: [booleanFlag('f1')], segments: [segmentFixture('s1')], sdkKeys: ['held-key'] });
    // No version key: nothing may be cached for this environment, so every answer needs Redis.
    await seedEnvironment(cache, UNCACHED, { flags: [booleanFlag('f1')], sdkKeys: ['uncached-key'], version: false });
    tokens[HELD] = await bed.tokenFor(HELD, 'held-key');
    tokens[UNCACHED] = await bed.tokenFor(UNCACHED, 'uncached-key');
  });
  afterEach(() => bed.close());

  it('keeps serving a held snapshot, answers 500 without one, and recovers when Redis is back', async () => {
    const before: Record<string, string> = {};
    for (const path of paths) before[path] = (await get(HELD, path).set('Harness-Target', Buffer.from('{"identifier":"u1"}').toString('base64')).expect(200)).text;
    await get(UNCACHED, '/feature-configs').expect(200);
    await request(bed.app).post('/client/auth').send({ apiKey: 'held-key' }).expect(200);

    cache.failing = true;
    for (const path of paths) {
      const res = await get(HELD, path).set('Harness-Target', Buffer.from('{"identifier":"u1"}').toString('base64')).expect(200);
      expect(res.text).toBe(before[path]);
    }
    await get(UNCACHED, '/feature-configs').expect(500, { error: 'internal error' });
    await get(UNCACHED, '/feature-configs/f1').expect(500, { error: 'internal error' });
    // An SDK key looked up before the outage still authenticates; an unknown one cannot be checked.
    await request(bed.app).post('/client/auth').send({ apiKey: 'held-key' }).expect(200);
    await request(bed.app).post('/client/auth').send({ apiKey: 'never-seen' }).expect(500, { error: 'internal error' });
    expect(bed.logger.find('request failed').length).toBeGreaterThanOrEqual(3);

    cache.failing = false;
    await get(UNCACHED, '/feature-configs').expect(200);
    await request(bed.app).post('/client/auth').send({ apiKey: 'never-seen' }).expect(401);
  });

  it('answers 500 for an evaluation whose stored target cannot be read', async () => {
    await get(HELD, '/target/u1/evaluations').expect(200);
    cache.failing = true;
    await get(HELD, '/target/u1/evaluations').expect(500, { error: 'internal error' });
  });
});
