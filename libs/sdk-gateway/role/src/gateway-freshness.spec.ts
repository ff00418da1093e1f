import request from 'supertest';
import { createFakeClock, type FakeClock } from '@relay/lifecycle/testing';
import { redisKeys, streamNames, type RedisKey } from '@relay/redis-contract';
import {
  booleanFlag,
  itemChange,
  publishChange,
  seedEnvironment,
  segmentFixture,
  startGatewayTestbed,
  waitFor,
  type GatewayTestbed,
} from './testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const OTHER = '5f2b1f8e-1111-4222-8333-444444444444';
const KEY = 'apikey1';
const REVALIDATE_MS = 30_000;

describe('snapshot freshness (spec/redis-contract.md §7.1, §7.3, §7.4)', () => {
  let bed: GatewayTestbed;
  let clock: FakeClock;
  let token: string;
  const get = (path: string) => request(bed.app).get(path).set('Authorization', `Bearer ${token}`);
  const flagVersion = async (path: string) => (await get(path).expect(200)).body.version as number;
  const listVersion = async () => ((await get(`/client/env/${ENV}/feature-configs`).expect(200)).body as { version: number }[])[0]?.version;
  const seed = (version: number) =>
    seedEnvironment(bed.cache, ENV, { flags: [booleanFlag('f1', { version })], segments: [segmentFixture('s1', { version })], sdkKeys: [KEY] });
  const invalidations = async (reason: string) =>
    Number(new RegExp(`ff_proxy_cache_invalidations_total\\{reason="${reason}"\\} (\\d+)`).exec(await bed.registry.metrics())?.[1] ?? 0);

  beforeEach(async () => {
    clock = createFakeClock(Date.now());
    bed = await startGatewayTestbed({ clock, config: { revalidateIntervalMs: REVALIDATE_MS } });
    await seed(1);
    token = await bed.tokenFor(ENV, KEY);
    expect(await listVersion()).toBe(1);
  });
  afterEach(() => bed.close());

  it('answers the callback endpoints with the new object before the feed processed the entry', async () => {
    await seed(2); // written by saas-sync; its proxy:sse_events entry is not appended (or not read) yet
    expect(await flagVersion(`/client/env/${ENV}/feature-configs/f1`)).toBe(2);
    expect(await flagVersion(`/client/env/${ENV}/target-segments/s1`)).toBe(2);
    await seed(3);
    const evaluation = await get(`/client/env/${ENV}/target/u1/evaluations/f1`).expect(200);
    expect(evaluation.body.flag).toBe('f1');
    expect(await flagVersion(`/client/env/${ENV}/feature-configs/f1`)).toBe(3);
  });

  it('answers the polled lists from the snapshot until the entry is processed', async () => {
    await bed.cache.set(redisKeys.featureConfigs(ENV), JSON.stringify([booleanFlag('f1', { version: 2 })]));
    await bed.cache.set(redisKeys.featureConfig(ENV, 'f1'), JSON.stringify(booleanFlag('f1', { version: 2 })));
    expect(await listVersion()).toBe(1);
    await publishChange(bed.events, itemChange(ENV, 'flag', 'f1'));
    await waitFor(async () => (await listVersion()) === 2);
    expect(await invalidations('event')).toBe(1);
  });

  it('drops snapshots for proxy entries that concern their environments, and only those', async () => {
    await seedEnvironment(bed.cache, OTHER, { flags: [booleanFlag('g1')], sdkKeys: ['other'] });
    const otherToken = await bed.tokenFor(OTHER, 'other');
    await request(bed.app).get(`/client/env/${OTHER}/feature-configs`).set('Authorization', `Bearer ${otherToken}`).expect(200);
    expect(bed.gateway.snapshotCount()).toBe(2);
    await publishChange(bed.events, { event: 'apiKeyAdded', domain: 'proxy', identifier: '', version: 0, environment: '', environments: [ENV], apiKey: 'abc' });
    await publishChange(bed.events, { event: 'environmentsAdded', domain: 'proxy', identifier: '', version: 0, environment: '', environments: [OTHER], apiKey: '' });
    await waitFor(() => bed.gateway.snapshotCount() === 1);
    await publishChange(bed.events, { event: 'environmentsRemoved', domain: 'proxy', identifier: '', version: 0, environment: '', environments: [ENV], apiKey: '' });
    await waitFor(() => bed.gateway.snapshotCount() === 0);
  });

  it('drops a snapshot whose version moved at the next revalidation tick', async () => {
    await seed(2);
    expect(await listVersion()).toBe(1);
    await clock.advance(REVALIDATE_MS);
    await waitFor(() => bed.gateway.snapshotCount() === 0);
    expect(await listVersion()).toBe(2);
    expect(await invalidations('revalidation')).toBe(1);
  });

  it('drops every snapshot on a gap in proxy:sse_events', async () => {
    await publishChange(bed.events, itemChange(OTHER, 'flag', 'x'));
    await waitFor(() => bed.replica.changeFeed.lastId() !== '0-0');
    await listVersion();
    expect(bed.gateway.snapshotCount()).toBe(1);
    // Redis lost the stream (flushed or restarted empty) after this process had read from it.
    await bed.cache.delete(streamNames.sseEvents as string as RedisKey);
    await clock.advance(REVALIDATE_MS);
    await waitFor(() => bed.gateway.snapshotCount() === 0);
    expect(await invalidations('gap')).toBe(1);
    expect(bed.logger.find('events gap detected')).toHaveLength(1);
  });
});
