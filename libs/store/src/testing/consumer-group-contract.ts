import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import type { GroupReader } from '../event-stream';
import { describeClaimContract } from './claim-contract';
import { type ContractStore, expectStoreError, sleep } from './contract-store';

const METRICS = streamNames.sdkMetrics;
const GROUP = METRICS_CONSUMER_GROUP;

/** Helpers shared by the consumer-group parts of the suite. */
export interface GroupFixture {
  /** Appends `count` entries `{"n":i}` (MAXLEN `maxLen`, default 1000) and returns their ids. */
  append(count: number, maxLen?: number): Promise<string[]>;
  /** A group reader closed after the test. */
  reader(consumer: string): GroupReader;
  /** One non-blocking-in-practice read of up to `count` entries for `consumer`; returns their ids. */
  readIds(consumer: string, count: number): Promise<string[]>;
}

export function useGroupFixture(store: () => ContractStore): GroupFixture {
  const readers: GroupReader[] = [];
  let next = 0;
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
    next = 0;
  });
  const fixture: GroupFixture = {
    async append(count, maxLen = 1000) {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1, next += 1) ids.push(await store().events.append(METRICS, `{"n":${next}}`, maxLen));
      return ids;
    },
    reader(consumer) {
      const reader = store().events.openGroupReader(METRICS, GROUP, consumer);
      readers.push(reader);
      return reader;
    },
    async readIds(consumer, count) {
      return (await fixture.reader(consumer).read({ count, blockMs: 1000 })).map((entry) => entry.id);
    },
  };
  return fixture;
}

/** §10.10 (first half): group creation, delivery once per group, pending lists, XACK, group info. */
export function describeConsumerGroupContract(store: () => ContractStore): void {
  describe('given consumer groups', () => {
    const group = useGroupFixture(store);

    it('creates a group once; a second create reports BUSYGROUP as false', async () => {
      expect(await store().events.createGroup(METRICS, GROUP)).toBe(true);
      expect(await store().events.createGroup(METRICS, GROUP)).toBe(false);
    });

    it('delivers every entry once per group, across its consumers, starting at 0', async () => {
      const ids = await group.append(6);
      await store().events.createGroup(METRICS, GROUP);
      await store().events.createGroup(METRICS, 'audit');
      const first = await group.readIds('c1', 4);
      const second = await group.readIds('c2', 4);
      expect([...first, ...second]).toEqual(ids);
      const audit = await store().events.openGroupReader(METRICS, 'audit', 'c1');
      expect((await audit.read({ count: 10, blockMs: 1000 })).map((entry) => entry.id)).toEqual(ids);
      await audit.close();
      expect(await group.reader('c3').read({ count: 10, blockMs: 200 })).toEqual([]);
    });

    it('keeps entries pending for their consumer until acknowledged', async () => {
      await store().events.createGroup(METRICS, GROUP);
      await group.append(3);
      const first = await group.readIds('c1', 2);
      await group.readIds('c2', 2);
      expect((await store().events.consumers(METRICS, GROUP)).map(({ name, pending }) => ({ name, pending }))).toEqual([
        { name: 'c1', pending: 2 },
        { name: 'c2', pending: 1 },
      ]);
      expect(await store().events.ack(METRICS, GROUP, first)).toBe(2);
      expect(await store().events.ack(METRICS, GROUP, first)).toBe(0);
      expect((await store().events.groupInfo(METRICS, GROUP))?.pending).toBe(1);
      expect((await store().events.consumers(METRICS, GROUP))[0]).toMatchObject({ name: 'c1', pending: 0 });
    });

    it('acknowledges nothing on a missing stream or group', async () => {
      expect(await store().events.ack(METRICS, GROUP, ['1-0'])).toBe(0);
      await store().events.createGroup(METRICS, 'other');
      expect(await store().events.ack(METRICS, GROUP, ['1-0'])).toBe(0);
    });

    it('wakes a blocked group read on append and returns nothing after the block time', async () => {
      await store().events.createGroup(METRICS, GROUP);
      const reader = group.reader('c1');
      expect(await reader.read({ count: 10, blockMs: 200 })).toEqual([]);
      const reading = reader.read({ count: 10, blockMs: 5000 });
      await sleep(100);
      const [id] = await group.append(1);
      expect(await reading).toEqual([{ id, event: '{"n":0}' }]);
    });

    it('fails with NO_SUCH_KEY when the group does not exist', async () => {
      await expectStoreError(group.reader('c1').read({ count: 1, blockMs: 100 }), 'NO_SUCH_KEY');
      await expectStoreError(store().events.consumers(METRICS, GROUP), 'NO_SUCH_KEY');
      await expectStoreError(store().events.deleteConsumer(METRICS, GROUP, 'c1'), 'NO_SUCH_KEY');
      await store().events.createGroup(METRICS, 'other');
      await expectStoreError(group.reader('c1').read({ count: 1, blockMs: 100 }), 'NO_SUCH_KEY');
      await expectStoreError(store().events.consumers(METRICS, GROUP), 'NO_SUCH_KEY');
      await expectStoreError(store().events.deleteConsumer(METRICS, GROUP, 'c1'), 'NO_SUCH_KEY');
      await expectStoreError(store().events.claim(METRICS, GROUP, 'c1', 0, ['1-0']), 'NO_SUCH_KEY');
      await expectStoreError(store().events.autoClaim(METRICS, GROUP, 'c1', 0, '0-0', 10), 'NO_SUCH_KEY');
    });

    it('reports entries-read and lag as Redis does', async () => {
      const { events } = store();
      expect(await events.groupInfo(METRICS, GROUP)).toBeUndefined();
      await events.createGroup(METRICS, GROUP);
      expect(await events.groupInfo(METRICS, GROUP)).toEqual({ entriesRead: undefined, lag: 0, pending: 0 });
      expect(await events.groupInfo(METRICS, 'other')).toBeUndefined();
      await group.append(3);
      expect(await events.groupInfo(METRICS, GROUP)).toEqual({ entriesRead: undefined, lag: 3, pending: 0 });
      await group.readIds('c1', 2);
      expect(await events.groupInfo(METRICS, GROUP)).toEqual({ entriesRead: 2, lag: 1, pending: 2 });
      await group.readIds('c1', 10);
      await group.append(2);
      expect(await events.groupInfo(METRICS, GROUP)).toEqual({ entriesRead: 3, lag: 2, pending: 3 });
    });

    it('counts entries trimmed before the group read them in lag', async () => {
      const { events } = store();
      await group.append(5, 3);
      await events.createGroup(METRICS, GROUP);
      expect(await events.groupInfo(METRICS, GROUP)).toEqual({ entriesRead: undefined, lag: 3, pending: 0 });
      await group.readIds('c1', 1);
      expect(await events.groupInfo(METRICS, GROUP)).toEqual({ entriesRead: 3, lag: 2, pending: 1 });
      await group.append(4, 3);
      await group.readIds('c1', 10);
      // entries-read counts deliveries: the three entries trimmed unread still show as lag.
      expect(await events.groupInfo(METRICS, GROUP)).toEqual({ entriesRead: 6, lag: 3, pending: 4 });
    });

    describeClaimContract(store, group);
  });
}
