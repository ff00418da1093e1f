import { type RedisKey, redisKeys, streamNames } from '@relay/redis-contract';
import { describeScanContract } from './config-cache-scan-contract';
import { type ContractSetup, expectStoreError, sleep, useContractStore } from './contract-store';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const FLAGS = redisKeys.featureConfigs(ENV);
const VERSION = redisKeys.version(ENV);
const LEADER = redisKeys.leader('919f70fc3782b05c7e4a1aa13b4c368b11fec44e23a1369d6af8966205e5c3f8');
const STATUS = redisKeys.configStatus();

/**
 * The `ConfigCache` half of the contract suite (spec/redis-contract.md §10 items 1–5 and 11). One
 * suite, three targets: the in-memory adapter, a standalone Redis and a 3-master Cluster. `setup`
 * yields a fresh, empty store for each test. Expiry tests use short real durations (Redis-side time).
 */
export function describeConfigCacheContract(name: string, setup: ContractSetup): void {
  describe(`ConfigCache contract: ${name}`, () => {
    const store = useContractStore(setup);

    describe('given plain values', () => {
      it('round-trips the exact bytes of every value', async () => {
        const { cache } = store();
        const values = ['{"name":"Zoë ✓ 🚀","quote":"\\"x\\"","nl":"a\\nb"}', '"quoted"', '', 'x'.repeat(200_000)];
        for (const [index, value] of values.entries()) {
          const key = redisKeys.featureConfig(ENV, `flag-${index}`);
          await cache.set(key, value);
          expect(await cache.get(key)).toBe(value);
        }
      });

      it('answers undefined for a missing key, not an error', async () => {
        expect(await store().cache.get(FLAGS)).toBeUndefined();
        expect(await store().cache.exists(FLAGS)).toBe(false);
      });

      it('overwrites on set and reports whether delete removed something', async () => {
        const { cache } = store();
        await cache.set(FLAGS, '[1]');
        await cache.set(FLAGS, '[2]');
        expect(await cache.get(FLAGS)).toBe('[2]');
        expect(await cache.exists(FLAGS)).toBe(true);
        expect(await cache.delete(FLAGS)).toBe(true);
        expect(await cache.delete(FLAGS)).toBe(false);
        expect(await cache.exists(FLAGS)).toBe(false);
        expect(await cache.get(FLAGS)).toBeUndefined();
      });
    });

    describe('given TTLs', () => {
      it('sets only an absent key with setIfAbsent', async () => {
        const { cache } = store();
        expect(await cache.setIfAbsent(STATUS, '{"state":"INITIALIZING"}')).toBe(true);
        expect(await cache.setIfAbsent(STATUS, '{"state":"SYNCED"}')).toBe(false);
        expect(await cache.get(STATUS)).toBe('{"state":"INITIALIZING"}');
      });

      it('expires a setIfAbsent key after its millisecond TTL and not before', async () => {
        const { cache } = store();
        expect(await cache.setIfAbsent(LEADER, '"me"', { ttlMs: 400 })).toBe(true);
        expect(await cache.get(LEADER)).toBe('"me"');
        expect(await cache.setIfAbsent(LEADER, '"other"', { ttlMs: 400 })).toBe(false);
        await sleep(700);
        expect(await cache.exists(LEADER)).toBe(false);
        expect(await cache.setIfAbsent(LEADER, '"other"', { ttlMs: 400 })).toBe(true);
      });

      it('expires a key set with a seconds TTL after it, and a later set without TTL keeps the key', async () => {
        const { cache } = store();
        const target = redisKeys.targetConfig(ENV, 'user1');
        const kept = redisKeys.targetConfig(ENV, 'user2');
        await cache.set(target, '{"identifier":"user1"}', { ttlSeconds: 1 });
        await cache.set(kept, '{"identifier":"user2"}', { ttlSeconds: 1 });
        await cache.set(kept, '{"identifier":"user2"}');
        expect(await cache.exists(target)).toBe(true);
        await sleep(1300);
        expect(await cache.exists(target)).toBe(false);
        expect(await cache.get(kept)).toBe('{"identifier":"user2"}');
      });

      it('rejects a TTL that is not positive', async () => {
        const { cache } = store();
        await expectStoreError(cache.set(FLAGS, '[]', { ttlSeconds: 0 }), 'OTHER');
        await expectStoreError(cache.setIfAbsent(FLAGS, '[]', { ttlMs: 0 }), 'OTHER');
        expect(await cache.exists(FLAGS)).toBe(false);
      });
    });

    describe('given a lease (compare-and-expire, compare-and-delete)', () => {
      it('renews the TTL only when the value matches', async () => {
        const { cache } = store();
        const other = redisKeys.leader('8e2c7ac508139a02af859de64a4743c1f3946837279332c35ec8f5ddf20654ae');
        await cache.setIfAbsent(LEADER, '"me"', { ttlMs: 60_000 });
        await cache.setIfAbsent(other, '"someone"', { ttlMs: 60_000 });
        expect(await cache.compareAndExpire(LEADER, '"me"', 400)).toBe(true);
        expect(await cache.compareAndExpire(other, '"me"', 400)).toBe(false);
        expect(await cache.compareAndExpire(redisKeys.leader('missing'), '"me"', 400)).toBe(false);
        expect(await cache.get(LEADER)).toBe('"me"');
        await sleep(700);
        expect(await cache.exists(LEADER)).toBe(false);
        expect(await cache.get(other)).toBe('"someone"');
      });

      it('deletes only when the value matches', async () => {
        const { cache } = store();
        await cache.set(LEADER, '"me"');
        expect(await cache.compareAndDelete(LEADER, '"other"')).toBe(false);
        expect(await cache.get(LEADER)).toBe('"me"');
        expect(await cache.compareAndDelete(LEADER, '"me"')).toBe(true);
        expect(await cache.exists(LEADER)).toBe(false);
        expect(await cache.compareAndDelete(LEADER, '"me"')).toBe(false);
      });
    });

    describe('given a version counter (INCR)', () => {
      it('counts from 1 on a missing key', async () => {
        const { cache } = store();
        expect(await cache.increment(VERSION)).toBe(1);
        expect(await cache.increment(VERSION)).toBe(2);
        expect(await cache.get(VERSION)).toBe('2');
      });

      it('increments a millisecond timestamp written with set-if-absent', async () => {
        const { cache } = store();
        expect(await cache.setIfAbsent(VERSION, '1700000000123')).toBe(true);
        expect(await cache.increment(VERSION)).toBe(1700000000124);
        expect(await cache.get(VERSION)).toBe('1700000000124');
        await cache.set(VERSION, '-5');
        expect(await cache.increment(VERSION)).toBe(-4);
      });

      it.each(['abc', '1.5', '"1"', '', ' 1', '01', '+1', '-0', '9223372036854775808'])(
        'fails with NOT_INTEGER on %j and leaves it unchanged',
        async (text) => {
          const { cache } = store();
          await cache.set(VERSION, text);
          await expectStoreError(cache.increment(VERSION), 'NOT_INTEGER');
          expect(await cache.get(VERSION)).toBe(text);
        },
      );
    });

    describe('given a key that holds a stream', () => {
      it('fails with WRONG_TYPE on string commands, while exists and delete see the key', async () => {
        const { cache, events } = store();
        await events.append(streamNames.sseEvents, '{}', 10);
        const key = streamNames.sseEvents as string as RedisKey;
        await expectStoreError(cache.get(key), 'WRONG_TYPE');
        await expectStoreError(cache.increment(key), 'WRONG_TYPE');
        await expectStoreError(cache.compareAndExpire(key, '{}', 1000), 'WRONG_TYPE');
        expect(await cache.setIfAbsent(key, 'x')).toBe(false);
        expect(await cache.exists(key)).toBe(true);
        expect(await cache.delete(key)).toBe(true);
        expect(await events.newest(streamNames.sseEvents)).toBeUndefined();
      });
    });

    describe('given the store itself', () => {
      it('answers PING', async () => {
        await expect(store().cache.ping()).resolves.toBeUndefined();
      });

      it('reports noeviction for every master, or that it cannot tell', async () => {
        const policies = await store().cache.evictionPolicies();
        if (policies !== undefined) {
          expect(policies.length).toBeGreaterThan(0);
          expect(new Set(policies)).toEqual(new Set(['noeviction']));
        }
      });
    });

    describeScanContract(store);
  });
}
