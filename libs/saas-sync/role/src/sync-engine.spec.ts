import { parseSseEvent, redisKeys, sha256hex, streamNames, type RedisKey } from '@relay/redis-contract';
import { createMemoryStore, StoreError, type ConfigCache } from '@relay/store';
import { computeMeta, toStoredItem, type EnvironmentState } from './environment-state';
import { createSyncEngine } from './sync-engine';

const E1 = '71716f30-aea0-4271-89b5-cb1c82be4567';
const E2 = '8a6f3c2e-1111-4222-8333-944455556666';
const HASH = sha256hex('proxy-key');
const K1 = sha256hex('sdk-key-1');
const flagValue = (feature: string, version: number) => ({ project: 'demo', environment: 'dev', feature, state: 'on', kind: 'boolean', version, rules: [] });
const env = (envId: string, flags: [string, number][], apiKeys = [K1]): EnvironmentState => {
  const values = flags.map(([id, v]) => flagValue(id, v));
  return { envId, apiKeys, flags: values.map((f) => toStoredItem(f.feature, f)), segments: [], targets: [], meta: computeMeta(envId, values[0], undefined, 'acc-1') };
};
const synced = { state: 'SYNCED' as const, since: 1, lastSyncedAt: 1, source: 'saas' as const, error: '' };

function setup(cacheOverride?: (cache: ConfigCache) => ConfigCache) {
  const store = createMemoryStore();
  const cache = cacheOverride ? cacheOverride(store.cache) : store.cache;
  let now = 1_700_000_000_000;
  const make = () =>
    createSyncEngine({ cache, events: store.events, proxyKeyHash: HASH, sseEventsMaxLen: 1000, now: () => now++, assertLeader: () => undefined, published: () => undefined });
  const entries = async () => (await store.events.rangeAfter(streamNames.sseEvents, '0-0', 1000)).map((e) => parseSseEvent(e.event));
  return { store, engine: make(), make, entries };
}

describe('createSyncEngine', () => {
  it('writes every key of new environments byte for byte and announces them once', async () => {
    const { store, engine, entries } = setup();
    await engine.sync([env(E1, [['f1', 1], ['f2', 3]]), env(E2, [], [])], { configStatus: synced });
    const get = (key: RedisKey) => store.cache.get(key);
    expect(await get(redisKeys.authKey(K1))).toBe(`"${E1}"`);
    expect(await get(redisKeys.apiConfigs(E1))).toBe(`["auth-key-${K1}"]`);
    expect(await get(redisKeys.featureConfig(E1, 'f1'))).toBe(JSON.stringify(flagValue('f1', 1)));
    expect(await get(redisKeys.featureConfigs(E1))).toBe(`[${JSON.stringify(flagValue('f1', 1))},${JSON.stringify(flagValue('f2', 3))}]`);
    expect(await get(redisKeys.meta(E1))).toBe(`{"environmentID":"${E1}","environmentIdentifier":"dev","projectIdentifier":"demo","accountID":"acc-1"}`);
    expect(Number(await get(redisKeys.version(E1)))).toBeGreaterThan(1_700_000_000_000);
    expect(await get(redisKeys.featureConfigs(E2))).toBeUndefined();
    expect(await get(redisKeys.apiConfigs(E2))).toBeUndefined();
    expect(JSON.parse((await get(redisKeys.configStatus())) ?? '')).toEqual(synced);
    const inventory = JSON.parse((await get(redisKeys.inventory(HASH))) ?? '');
    expect(inventory).toEqual({
      proxyKeyHash: HASH,
      updatedAt: expect.any(Number),
      keys: [
        `auth-key-${K1}`, `env-${E1}-api-configs`, `env-${E1}-feature-configs`, `env-${E1}-feature-configs-f1`, `env-${E1}-feature-configs-f2`,
        `env-${E1}-meta`, `env-${E1}-version`, `env-${E2}-meta`, `env-${E2}-version`,
      ],
    });
    expect(await entries()).toEqual([{ event: 'environmentsAdded', domain: 'proxy', identifier: '', version: 0, environment: '', environments: [E1, E2], apiKey: '' }]);
  });

  it('announces only changed items with the environment version after the write', async () => {
    const { store, engine, entries } = setup();
    await engine.sync([env(E1, [['f1', 1], ['f2', 1], ['f3', 1]])]);
    const before = Number(await store.cache.get(redisKeys.version(E1)));
    const summary = await engine.sync([env(E1, [['f1', 1], ['f2', 2], ['f4', 1]])]);
    const after = Number(await store.cache.get(redisKeys.version(E1)));
    expect(after).toBe(before + 1);
    expect(summary.entries.map((e) => `${e.event} ${e.identifier}`)).toEqual(['patch f2', 'create f4', 'delete f3']);
    expect((await entries()).slice(1).every((e) => e?.domain === 'flag' && e.envVersion === after)).toBe(true);
    expect(await store.cache.get(redisKeys.featureConfig(E1, 'f3'))).toBeUndefined();
    expect((await engine.sync([env(E1, [['f1', 1], ['f2', 2], ['f4', 1]])])).entries).toEqual([]);
    expect(Number(await store.cache.get(redisKeys.version(E1)))).toBe(after);
  });

  it('removes environments with every key, gateway targets included, and shrinks the inventory', async () => {
    const { store, engine, entries } = setup();
    await engine.sync([env(E1, [['f1', 1]]), env(E2, [['g', 1]], [])]);
    await store.cache.set(redisKeys.targetConfig(E1, 'user1'), '{"identifier":"user1"}', { ttlSeconds: 60 });
    const summary = await engine.sync([env(E2, [['g', 1]], [])]);
    expect(summary.entries).toEqual([{ event: 'environmentsRemoved', domain: 'proxy', identifier: '', version: 0, environment: '', environments: [E1], apiKey: '' }]);
    for (const key of [redisKeys.authKey(K1), redisKeys.featureConfigs(E1), redisKeys.featureConfig(E1, 'f1'), redisKeys.meta(E1), redisKeys.version(E1), redisKeys.targetConfig(E1, 'user1')]) {
      expect(await store.cache.exists(key)).toBe(false);
    }
    expect(JSON.parse((await store.cache.get(redisKeys.inventory(HASH))) ?? '').keys).toEqual([`env-${E2}-feature-configs`, `env-${E2}-feature-configs-g`, `env-${E2}-meta`, `env-${E2}-version`]);
    expect((await entries()).length).toBe(2);
  });

  it('never deletes a key another proxy key lists, nor touches its inventory', async () => {
    const { store, engine } = setup();
    await engine.sync([env(E1, [['f1', 1]])]);
    const other = redisKeys.inventory(sha256hex('other'));
    const otherValue = JSON.stringify({ proxyKeyHash: sha256hex('other'), updatedAt: 1, keys: [redisKeys.featureConfig(E1, 'f1')] });
    await store.cache.set(other, otherValue);
    await engine.sync([]);
    expect(await store.cache.exists(redisKeys.featureConfig(E1, 'f1'))).toBe(true);
    expect(await store.cache.exists(redisKeys.meta(E1))).toBe(false);
    expect(await store.cache.get(other)).toBe(otherValue);
  });

  it('leaves environments outside a restricted sync alone', async () => {
    const { engine } = setup();
    await engine.sync([env(E1, [['f1', 1]])]);
    const summary = await engine.sync([env(E2, [['g', 1]])], { restrictTo: new Set([E2]) });
    expect(summary.entries.map((e) => e.event)).toEqual(['environmentsAdded']);
    expect([...engine.environments().keys()].sort()).toEqual([E1, E2].sort());
  });

  it('clears everything of the proxy key when it is deleted', async () => {
    const { store, engine, entries } = setup();
    await engine.sync([env(E1, [['f1', 1]]), env(E2, [])]);
    await engine.deleteProxyKey({ ...synced, state: 'FAILED_TO_SYNC', error: 'proxy key deleted' });
    expect(await store.cache.exists(redisKeys.inventory(HASH))).toBe(false);
    expect(await store.cache.exists(redisKeys.featureConfigs(E1))).toBe(false);
    expect(await store.cache.exists(redisKeys.authKey(K1))).toBe(false);
    expect(JSON.parse((await store.cache.get(redisKeys.configStatus())) ?? '').error).toBe('proxy key deleted');
    expect((await entries()).at(-1)).toEqual({ event: 'proxyKeyDeleted', domain: 'proxy', identifier: '', version: 0, environment: '', environments: [E1, E2], apiKey: '' });
    expect(engine.environments().size).toBe(0);
  });

  it('keeps its mirror when a batch fails, so the next attempt writes and announces everything', async () => {
    let failNext = false;
    const { engine, entries } = setup((cache) => ({
      ...cache,
      set: (key, value, options) => {
        if (failNext && key.includes('feature-configs-f2')) {
          failNext = false;
          return Promise.reject(new StoreError('UNAVAILABLE', 'down'));
        }
        return cache.set(key, value, options);
      },
    }));
    await engine.sync([env(E1, [['f1', 1]])]);
    failNext = true;
    await expect(engine.sync([env(E1, [['f1', 2], ['f2', 1]])])).rejects.toBeInstanceOf(StoreError);
    expect((await entries()).length).toBe(1);
    const retried = await engine.sync([env(E1, [['f1', 2], ['f2', 1]])]);
    expect(retried.entries.map((e) => `${e.event} ${e.identifier}`)).toEqual(['patch f1', 'create f2']);
  });

  it('loads its mirror back from Redis, so a new leader announces nothing that did not change', async () => {
    const { engine, make } = setup();
    const desired = [env(E1, [['f1', 1], ['f2', 7]])];
    await engine.sync(desired);
    const next = make();
    await next.load();
    expect((await next.sync(desired)).entries).toEqual([]);
    expect((await next.sync([env(E1, [['f1', 1]])])).entries.map((e) => e.event)).toEqual(['delete']);
  });
});
