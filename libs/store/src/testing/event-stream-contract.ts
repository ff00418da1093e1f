import { compareStreamIds, type RedisKey, streamIdMs, streamNames } from '@relay/redis-contract';
import { describeBlockingReadContract } from './blocking-read-contract';
import { describeConsumerGroupContract } from './consumer-group-contract';
import { type ContractSetup, expectStoreError, useContractStore } from './contract-store';

const EVENTS = streamNames.sseEvents;
const HEALTH = streamNames.saasStreamHealth;

/**
 * The `EventStream` half of the contract suite (spec/redis-contract.md §10 items 6–11), for the
 * in-memory adapter, a standalone Redis and a 3-master Cluster. `setup` yields a fresh, empty store
 * for each test. Idle times and block timeouts use short real durations (Redis-side time).
 */
export function describeEventStreamContract(name: string, setup: ContractSetup): void {
  describe(`EventStream contract: ${name}`, () => {
    const store = useContractStore(setup);

    async function appendMany(count: number, maxLen = 1000): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) ids.push(await store().events.append(EVENTS, `{"n":${i}}`, maxLen));
      return ids;
    }

    describe('given appends', () => {
      it('returns strictly increasing <ms>-<seq> ids near the current time', async () => {
        const before = Date.now();
        const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => store().events.append(EVENTS, `{"n":${i}}`, 1000)));
        for (const id of ids) expect(id).toMatch(/^\d+-\d+$/);
        for (let i = 1; i < ids.length; i += 1) expect(compareStreamIds(ids[i] as string, ids[i - 1] as string)).toBeGreaterThan(0);
        expect(streamIdMs(ids[0] as string)).toBeGreaterThanOrEqual(before - 5000);
        expect(streamIdMs(ids[199] as string)).toBeLessThanOrEqual(Date.now() + 5000);
      });

      it('keeps exactly MAXLEN entries and reports XINFO STREAM like Redis', async () => {
        const ids = await appendMany(10, 3);
        expect(await store().events.info(EVENTS)).toEqual({
          length: 3,
          entriesAdded: 10,
          maxDeletedEntryId: '0-0',
          firstEntryId: ids[7],
          lastEntryId: ids[9],
        });
        const left = await store().events.rangeAfter(EVENTS, '0-0', 100);
        expect(left).toEqual([7, 8, 9].map((n) => ({ id: ids[n], event: `{"n":${n}}` })));
      });

      it('fails with WRONG_TYPE on a key that holds a string', async () => {
        const { cache, events } = store();
        await cache.set(EVENTS as string as RedisKey, 'text');
        await expectStoreError(events.append(EVENTS, '{}', 10), 'WRONG_TYPE');
        await expectStoreError(events.newest(EVENTS), 'WRONG_TYPE');
        await expectStoreError(events.info(EVENTS), 'WRONG_TYPE');
        await expectStoreError(events.createGroup(EVENTS, 'group'), 'WRONG_TYPE');
      });
    });

    describe('given reads without blocking', () => {
      it('answers a missing stream with nothing, not an error', async () => {
        const { events } = store();
        expect(await events.newest(HEALTH)).toBeUndefined();
        expect(await events.rangeAfter(HEALTH, '0-0', 10)).toEqual([]);
        expect(await events.info(HEALTH)).toBeUndefined();
      });

      it('returns the newest entry', async () => {
        const ids = await appendMany(3);
        expect(await store().events.newest(EVENTS)).toEqual({ id: ids[2], event: '{"n":2}' });
      });

      it('returns entries after an id, oldest first, at most count', async () => {
        const ids = await appendMany(5);
        const { events } = store();
        expect((await events.rangeAfter(EVENTS, ids[1] as string, 2)).map((entry) => entry.id)).toEqual([ids[2], ids[3]]);
        expect(await events.rangeAfter(EVENTS, ids[4] as string, 10)).toEqual([]);
        expect(await events.rangeAfter(EVENTS, '0-0', 10)).toHaveLength(5);
      });

      it('compares ids numerically, not as text', async () => {
        const ids = await appendMany(2);
        // '999-0' sorts after '1700…-0' as text but is far older as an id.
        expect((await store().events.rangeAfter(EVENTS, '999-0', 10)).map((entry) => entry.id)).toEqual(ids);
      });

      it('rejects an id that is not <ms>-<seq>', async () => {
        await appendMany(1);
        await expectStoreError(store().events.rangeAfter(EVENTS, 'abc', 10), 'OTHER');
      });

      it('creates the empty stream of a new group', async () => {
        expect(await store().events.info(streamNames.sdkMetrics)).toBeUndefined();
        expect(await store().events.createGroup(streamNames.sdkMetrics, 'metrics-forwarder')).toBe(true);
        expect(await store().events.info(streamNames.sdkMetrics)).toEqual({
          length: 0,
          entriesAdded: 0,
          maxDeletedEntryId: '0-0',
          firstEntryId: undefined,
          lastEntryId: undefined,
        });
      });
    });

    describeBlockingReadContract(store);
    describeConsumerGroupContract(store);
  });
}
