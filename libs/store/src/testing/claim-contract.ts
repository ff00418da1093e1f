import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import type { GroupFixture } from './consumer-group-contract';
import { type ContractStore, sleep } from './contract-store';

const METRICS = streamNames.sdkMetrics;
const GROUP = METRICS_CONSUMER_GROUP;

/** §10.10 (second half): XCLAIM JUSTID, XAUTOCLAIM with min-idle, cursor and deleted ids, consumers. */
export function describeClaimContract(store: () => ContractStore, group: GroupFixture): void {
  describe('given pending entries to claim', () => {
    beforeEach(async () => {
      await store().events.createGroup(METRICS, GROUP);
    });

    it('claims entries idle at least min-idle, and XCLAIM JUSTID to self resets their idle time', async () => {
      await group.append(2);
      const ids = await group.readIds('c1', 2);
      expect(await store().events.claim(METRICS, GROUP, 'c1', 60_000, ids)).toEqual([]);
      await sleep(400);
      expect(await store().events.claim(METRICS, GROUP, 'c1', 0, ids)).toEqual(ids);
      const none = await store().events.autoClaim(METRICS, GROUP, 'c2', 300, '0-0', 10);
      expect(none).toEqual({ nextCursor: '0-0', entries: [], deletedIds: [] });
      const [c1] = await store().events.consumers(METRICS, GROUP);
      expect(c1).toMatchObject({ name: 'c1', pending: 2 });
      expect(c1?.idleMs).toBeLessThan(300);
    });

    it('claims with XAUTOCLAIM only entries idle at least min-idle, moving them to the claimer', async () => {
      await group.append(3);
      const ids = await group.readIds('c1', 3);
      expect((await store().events.autoClaim(METRICS, GROUP, 'c2', 60_000, '0-0', 10)).entries).toEqual([]);
      await sleep(300);
      const claimed = await store().events.autoClaim(METRICS, GROUP, 'c2', 200, '0-0', 10);
      expect(claimed).toEqual({
        nextCursor: '0-0',
        entries: ids.map((id, n) => ({ id, event: `{"n":${n}}` })),
        deletedIds: [],
      });
      const consumers = await store().events.consumers(METRICS, GROUP);
      expect(consumers.map(({ name, pending }) => ({ name, pending }))).toEqual([
        { name: 'c1', pending: 0 },
        { name: 'c2', pending: 3 },
      ]);
    });

    it('pages XAUTOCLAIM with a cursor until it returns 0-0', async () => {
      await group.append(5);
      const ids = await group.readIds('c1', 5);
      const pages = [];
      let cursor = '0-0';
      do {
        const page = await store().events.autoClaim(METRICS, GROUP, 'c2', 0, cursor, 2);
        pages.push({ cursor: page.nextCursor, ids: page.entries.map((entry) => entry.id) });
        cursor = page.nextCursor;
      } while (cursor !== '0-0' && pages.length < 10);
      expect(pages).toEqual([
        { cursor: ids[2], ids: ids.slice(0, 2) },
        { cursor: ids[4], ids: ids.slice(2, 4) },
        { cursor: '0-0', ids: ids.slice(4) },
      ]);
    });

    it('reports pending entries that were trimmed as deleted ids and drops them', async () => {
      await group.append(4);
      const ids = await group.readIds('c1', 4);
      await group.append(1, 2);
      const claimed = await store().events.autoClaim(METRICS, GROUP, 'c2', 0, '0-0', 10);
      expect(claimed.deletedIds).toEqual(ids.slice(0, 3));
      expect(claimed.entries.map((entry) => entry.id)).toEqual([ids[3]]);
      expect((await store().events.groupInfo(METRICS, GROUP))?.pending).toBe(1);
    });

    it('does not claim ids that are not pending, and drops trimmed ones', async () => {
      await group.append(3);
      const ids = await group.readIds('c1', 2);
      await group.append(1, 2);
      const unread = (await store().events.rangeAfter(METRICS, ids[1] as string, 10)).map((entry) => entry.id);
      expect(await store().events.claim(METRICS, GROUP, 'c2', 0, [...ids, ...unread])).toEqual([]);
      expect((await store().events.groupInfo(METRICS, GROUP))?.pending).toBe(0);
    });

    it('reports idle time per consumer and deletes consumers with their pending entries', async () => {
      await group.append(3);
      await group.readIds('c1', 2);
      await group.readIds('c2', 1);
      await sleep(300);
      const consumers = await store().events.consumers(METRICS, GROUP);
      for (const consumer of consumers) expect(consumer.idleMs).toBeGreaterThanOrEqual(250);
      expect(await store().events.deleteConsumer(METRICS, GROUP, 'c1')).toBe(2);
      expect(await store().events.deleteConsumer(METRICS, GROUP, 'unknown')).toBe(0);
      expect((await store().events.consumers(METRICS, GROUP)).map((consumer) => consumer.name)).toEqual(['c2']);
      expect((await store().events.groupInfo(METRICS, GROUP))?.pending).toBe(1);
    });
  });
}
