import { redisKeys } from '@relay/redis-contract';
import { createMemoryStore } from '@relay/store';
import type { GatewayMetrics } from '../gateway-metrics';
import { booleanFlag, createControllableCache, seedEnvironment, type ControllableCache } from '../testing';
import { createDirectReads } from './direct-reads';
import { createSnapshotStore, type Freshness, type InvalidationReason, type SnapshotStore } from './snapshot-store';

const ENV = 'env-1';

interface Harness {
  cache: ControllableCache;
  store: SnapshotStore;
  counts: Record<string, number>;
  invalidations: InvalidationReason[];
  feed: { healthy: boolean };
  /** The flag list as the route would answer it. */
  list(freshness?: Freshness): Promise<string>;
  /** One flag as the route would answer it. */
  flag(identifier: string): Promise<string | undefined>;
  /** Reads of the flag list key so far. */
  listReads(): number;
}

async function setup(seedVersion = true): Promise<Harness> {
  const cache = createControllableCache(createMemoryStore().cache);
  await seedEnvironment(cache, ENV, { flags: [booleanFlag('f1')], version: seedVersion });
  const counts: Record<string, number> = {};
  const count = (name: string) => () => void (counts[name] = (counts[name] ?? 0) + 1);
  const metrics: GatewayMetrics = {
    memoizeHit: count('hit'),
    memoizeHitWithUnmarshal: count('hitWithUnmarshal'),
    memoizeMiss: count('miss'),
    memoizeWriteMarshal: count('writeMarshal'),
    evaluationFailed: count('evaluationFailed'),
    metricsPublished: count('published'),
  };
  const invalidations: InvalidationReason[] = [];
  const feed = { healthy: true };
  const store = createSnapshotStore({ cache, feedHealthy: () => feed.healthy, andRules: false, metrics, invalidated: (reason) => invalidations.push(reason) });
  const direct = createDirectReads(cache, false);
  const text = (body: string | Buffer | undefined) => body?.toString();
  return {
    cache, store, counts, invalidations, feed,
    list: async (freshness = 'poll') =>
      text(await store.read<string | Buffer>(ENV, freshness, { snapshot: (s) => s.featureConfigsBody(), direct: () => direct.featureConfigs(ENV) })) as string,
    flag: async (identifier) =>
      text(await store.read<string | Buffer | undefined>(ENV, 'callback', { snapshot: (s) => s.featureConfigBody(identifier), direct: () => direct.featureConfig(ENV, identifier) })),
    listReads: () => cache.reads.filter((key) => key === redisKeys.featureConfigs(ENV)).length,
  };
}

/** Changes f1 in Redis the way saas-sync does (per-item key, list, version), without a stream entry. */
async function changeFlag(cache: ControllableCache, version: number): Promise<void> {
  await seedEnvironment(cache, ENV, { flags: [booleanFlag('f1', { version })] });
}

describe('snapshot store', () => {
  it('builds a snapshot on first use and then serves polled lists without Redis', async () => {
    const h = await setup();
    const first = await h.list();
    expect(h.cache.reads).toEqual([redisKeys.version(ENV), redisKeys.featureConfigs(ENV), redisKeys.segments(ENV), redisKeys.meta(ENV)]);
    h.cache.failing = true;
    expect(await h.list()).toBe(first);
    expect(h.store.size()).toBe(1);
    expect(h.counts).toMatchObject({ miss: 1, hit: 1, writeMarshal: 1 });
  });

  it('checks the version before every callback answer and rebuilds when it moved', async () => {
    const h = await setup();
    expect(await h.flag('f1')).toContain('"version":1');
    await changeFlag(h.cache, 2);
    expect(await h.flag('f1')).toContain('"version":2');
    // The polled list follows once the snapshot was rebuilt by the callback.
    expect(await h.list()).toContain('"version":2');
    const before = h.cache.reads.length;
    expect(await h.flag('f1')).toContain('"version":2');
    expect(h.cache.reads.slice(before)).toEqual([redisKeys.version(ENV)]);
  });

  it('keeps serving the polled list from the held snapshot until an invalidation drops it', async () => {
    const h = await setup();
    await h.list();
    await changeFlag(h.cache, 2);
    expect(await h.list()).toContain('"version":1');
    h.store.invalidate([ENV]);
    expect(h.invalidations).toEqual(['event']);
    expect(await h.list()).toContain('"version":2');
  });

  it('caches nothing while the environment has no version key', async () => {
    const h = await setup(false);
    await h.list();
    await h.list();
    expect(h.store.size()).toBe(0);
    expect(h.listReads()).toBe(2);
    expect(await h.flag('f1')).toContain('"feature":"f1"');
    expect(h.cache.reads).not.toContain(redisKeys.segments(ENV));
  });

  it('drops a held snapshot when the version key disappears', async () => {
    const h = await setup();
    await h.list();
    await h.cache.delete(redisKeys.version(ENV));
    await h.flag('f1');
    expect(h.store.size()).toBe(0);
  });

  it('reads the documented keys while the change feed is unhealthy, and installs nothing', async () => {
    const h = await setup();
    h.feed.healthy = false;
    await h.list();
    await h.list();
    expect(h.listReads()).toBe(2);
    expect(h.store.size()).toBe(0);
  });

  it('serves a held snapshot when Redis fails, on every path', async () => {
    const h = await setup();
    const held = await h.list();
    await changeFlag(h.cache, 2);
    h.cache.failing = true;
    expect(await h.flag('f1')).toContain('"version":1');
    h.feed.healthy = false;
    expect(await h.list()).toBe(held);
  });

  it('serves a held snapshot when the rebuild after a version change fails', async () => {
    const h = await setup();
    await h.list();
    await changeFlag(h.cache, 2);
    const release = h.cache.hold((key) => key === redisKeys.featureConfigs(ENV));
    const answer = h.flag('f1');
    await new Promise((resolve) => setImmediate(resolve));
    h.cache.failing = true;
    release();
    expect(await answer).toContain('"version":1');
  });

  it('rejects when Redis fails and nothing is held', async () => {
    const h = await setup();
    h.cache.failing = true;
    await expect(h.list()).rejects.toThrow('connection is closed');
    await expect(h.flag('f1')).rejects.toThrow('connection is closed');
  });

  it('answers with a load that raced an invalidation but does not keep it (generation guard)', async () => {
    const h = await setup();
    const release = h.cache.hold((key) => key === redisKeys.featureConfigs(ENV));
    const answer = h.list();
    await new Promise((resolve) => setImmediate(resolve));
    h.store.invalidate([ENV]);
    release();
    expect(await answer).toContain('"feature":"f1"');
    expect(h.store.size()).toBe(0);
    expect(h.invalidations).toEqual([]); // nothing was held yet, so nothing was dropped
  });

  it('shares one load between concurrent requests for the same version', async () => {
    const h = await setup();
    const answers = await Promise.all([h.flag('f1'), h.flag('f1'), h.list(), h.list()]);
    expect(new Set(answers.slice(2)).size).toBe(1);
    expect(h.listReads()).toBe(1);
  });

  it('drops everything on a gap', async () => {
    const h = await setup();
    await h.list();
    h.store.invalidateAll();
    expect(h.store.size()).toBe(0);
    expect(h.invalidations).toEqual(['gap']);
  });

  it('revalidation drops snapshots whose version moved or vanished, and keeps them while Redis is down', async () => {
    const h = await setup();
    await h.list();
    await h.store.revalidate();
    expect(h.store.size()).toBe(1);
    await changeFlag(h.cache, 2);
    h.cache.failing = true;
    await h.store.revalidate();
    expect(h.store.size()).toBe(1);
    h.cache.failing = false;
    await h.store.revalidate();
    expect(h.store.size()).toBe(0);
    expect(h.invalidations).toEqual(['revalidation']);
    await h.list();
    await h.cache.delete(redisKeys.version(ENV));
    await h.store.revalidate();
    expect(h.store.size()).toBe(0);
    expect(h.invalidations).toEqual(['revalidation', 'revalidation']);
  });

  it('counts a hit that first built a derived body apart from a plain hit', async () => {
    const h = await setup();
    await h.list();
    await h.flag('f1');
    await h.flag('f1');
    expect(h.counts).toMatchObject({ miss: 1, hitWithUnmarshal: 1, hit: 1, writeMarshal: 2 });
  });
});
