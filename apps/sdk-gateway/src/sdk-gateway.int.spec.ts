import request from 'supertest';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { redisKeys, streamNames } from '@relay/redis-contract';
import { clusterRedisAddress, flushAll, standaloneRedisAddress, testRedisOptions } from '@relay/redis-test-server';
import { createSdkTokens } from '@relay/sdk-auth';
import {
  booleanFlag,
  itemChange,
  jsonFlag,
  publishChange,
  seedEnvironment,
  segmentFixture,
  startGatewayTestbed,
  waitFor,
  type GatewayTestbed,
} from '@relay/sdk-gateway/testing';
import { openStore, type OpenStore } from '@relay/store-redis';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const KEY = 'apikey1';
const topologies = [
  ['standalone', standaloneRedisAddress],
  ['cluster', clusterRedisAddress],
] as const;

describe.each(topologies)('sdk-gateway against Redis %s', (_name, address) => {
  let store: OpenStore;
  let bed: GatewayTestbed;
  let token: string;
  const get = (path: string) => request(bed.app).get(`/client/env/${ENV}${path}`).set('Authorization', `Bearer ${token}`);
  const seed = (version: number) =>
    seedEnvironment(store.cache, ENV, { flags: [booleanFlag('f1', { version }), jsonFlag('j1')], segments: [segmentFixture('s1')], sdkKeys: [KEY] });

  beforeEach(async () => {
    await flushAll(address());
    store = await openStore(testRedisOptions(address()), { logger: createCapturingLogger(), registry: createMetricsRegistry({ service: 'test', version: '0' }) });
    bed = await startGatewayTestbed({ store, pingStore: true, tokens: createSdkTokens({ authSecrets: ['a-secret-that-is-at-least-32-bytes'] }) });
    await seed(1);
    token = (await request(bed.app).post('/client/auth').send({ apiKey: KEY, target: { identifier: 'user1', attributes: { email: 'user1@example.com' } } }).expect(200)).body.authToken;
    await bed.gateway.settled();
  });
  afterEach(async () => {
    await bed.close();
    await store.close();
  });

  it('serves every read route from what is stored in Redis, byte for byte', async () => {
    expect((await get('/feature-configs').expect(200)).text).toBe(await store.cache.get(redisKeys.featureConfigs(ENV)));
    expect((await get('/feature-configs/f1').expect(200)).text).toBe(await store.cache.get(redisKeys.featureConfig(ENV, 'f1')));
    expect((await get('/target-segments/s1').expect(200)).body).not.toHaveProperty('servingRules');
    const evaluations = await get('/target/user1/evaluations').expect(200);
    expect(evaluations.body.map((item: { flag: string }) => item.flag)).toEqual(['f1', 'j1']);
    expect(await store.cache.get(redisKeys.targetConfig(ENV, 'user1'))).toBe('{"identifier":"user1","name":"user1","attributes":{"email":"user1@example.com"}}');
    await request(bed.app).get('/readyz').expect(200);
  });

  it('answers callbacks with the new object at once and the polled list after the entry', async () => {
    await get('/feature-configs').expect(200);
    await seed(2);
    expect((await get('/feature-configs/f1').expect(200)).body.version).toBe(2);
    await publishChange(store.events, itemChange(ENV, 'flag', 'f1'));
    await waitFor(async () => (await get('/feature-configs').expect(200)).body[0].version === 2);
  });

  it('appends one stream:sdk_metrics entry per metrics request', async () => {
    const metricsData = [{ timestamp: 1, count: 1, metricsType: 'FFMETRICS', attributes: [] }];
    for (let i = 0; i < 3; i++) {
      await request(bed.app).post(`/metrics/${ENV}`).set('Authorization', `Bearer ${token}`).send({ metricsData }).expect(200, 'null');
    }
    const entries = await store.events.rangeAfter(streamNames.sdkMetrics, '0-0', 10);
    expect(entries.map((entry) => entry.event)).toEqual(Array(3).fill(JSON.stringify({ environment_id: ENV, metricsData })));
  });
});
