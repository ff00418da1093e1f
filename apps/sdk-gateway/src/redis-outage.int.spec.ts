import request from 'supertest';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { startRedisServer, testRedisOptions, type RedisTestServer } from '@relay/redis-test-server';
import { createSdkTokens } from '@relay/sdk-auth';
import { booleanFlag, seedEnvironment, segmentFixture, startGatewayTestbed, waitFor, type GatewayTestbed } from '@relay/sdk-gateway/testing';
import { openStore, type OpenStore } from '@relay/store-redis';

const HELD = '71716f30-aea0-4271-89b5-cb1c82be4567';
const COLD = '5f2b1f8e-1111-4222-8333-444444444444';
const target = Buffer.from(JSON.stringify({ identifier: 'user1' })).toString('base64');

describe('sdk-gateway while its Redis is down (spec/redis-contract.md §7.1)', () => {
  let redis: RedisTestServer;
  let store: OpenStore;
  let bed: GatewayTestbed;
  const tokens: Record<string, string> = {};
  const get = (envId: string, path: string) =>
    request(bed.app).get(`/client/env/${envId}${path}`).set('Authorization', `Bearer ${tokens[envId]}`).set('Harness-Target', target);
  const seedBoth = async () => {
    await seedEnvironment(store.cache, HELD, { flags: [booleanFlag('f1')], segments: [segmentFixture('s1')], sdkKeys: ['held-key'] });
    // No version key: nothing may be cached for COLD, every answer needs Redis.
    await seedEnvironment(store.cache, COLD, { flags: [booleanFlag('g1')], sdkKeys: ['cold-key'], version: false });
  };
  const held = ['/feature-configs', '/feature-configs/f1', '/target-segments', '/target-segments/s1', '/target/user1/evaluations', '/target/user1/evaluations/f1'];

  beforeAll(async () => {
    redis = await startRedisServer();
    store = await openStore(testRedisOptions(redis.address), {
      logger: createCapturingLogger(),
      registry: createMetricsRegistry({ service: 'test', version: '0' }),
      retryIntervalMs: 100,
    });
    bed = await startGatewayTestbed({ store, pingStore: true, tokens: createSdkTokens({ authSecrets: ['a-secret-that-is-at-least-32-bytes'] }) });
    await seedBoth();
    tokens[HELD] = await bed.tokenFor(HELD, 'held-key');
    tokens[COLD] = await bed.tokenFor(COLD, 'cold-key');
  });
  afterAll(async () => {
    await bed.close();
    await store.close();
    await redis.stop();
  });

  it('keeps serving held snapshots, answers 500 otherwise, never crashes, and recovers', async () => {
    const before = new Map<string, string>();
    for (const path of held) before.set(path, (await get(HELD, path).expect(200)).text);
    await get(COLD, '/feature-configs').expect(200); // caches the token of COLD

    await redis.kill();
    for (const path of held) expect((await get(HELD, path).expect(200)).text).toBe(before.get(path));
    await get(COLD, '/feature-configs').expect(500, { error: 'internal error' });
    await get(COLD, '/feature-configs/g1').expect(500, { error: 'internal error' });
    await request(bed.app).post('/client/auth').send({ apiKey: 'cold-key' }).expect(500, { error: 'internal error' });
    await waitFor(async () => (await request(bed.app).get('/readyz')).status === 503);
    await request(bed.app).get('/healthz').expect(200);
    for (const path of held) expect((await get(HELD, path).expect(200)).text).toBe(before.get(path));

    // Redis comes back empty (no persistence): once saas-sync has written the data again, everything answers.
    await redis.start();
    await waitFor(async () => {
      try {
        await seedBoth();
        return true;
      } catch {
        return false;
      }
    }, 15_000);
    await waitFor(async () => (await get(COLD, '/feature-configs')).status === 200, 15_000);
    await request(bed.app).post('/client/auth').send({ apiKey: 'cold-key' }).expect(200);
    await waitFor(async () => (await request(bed.app).get('/readyz')).status === 200, 15_000);
    expect(bed.logger.find('request failed').length).toBeGreaterThan(0);
  });
});
