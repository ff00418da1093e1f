import { type RedisKey, streamNames } from '@relay/redis-contract';
import type { StreamReader } from '../event-stream';
import { type ContractStore, expectStoreError, sleep } from './contract-store';

const EVENTS = streamNames.sseEvents;
const HEALTH = streamNames.saasStreamHealth;

/** §10.8: blocking reads from an id, `COUNT`, wake-up on append, empty answer after the block time. */
export function describeBlockingReadContract(store: () => ContractStore): void {
  describe('given blocking readers', () => {
    const readers: StreamReader[] = [];
    const open = (stream = EVENTS) => {
      const reader = store().events.openReader(stream);
      readers.push(reader);
      return reader;
    };
    afterEach(async () => {
      await Promise.all(readers.splice(0).map((reader) => reader.close()));
    });

    it('returns at once the entries after the id, at most count', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push(await store().events.append(EVENTS, `{"n":${i}}`, 100));
      const entries = await open().read(ids[0] as string, { count: 2, blockMs: 5000 });
      expect(entries).toEqual([
        { id: ids[1], event: '{"n":1}' },
        { id: ids[2], event: '{"n":2}' },
      ]);
    });

    it('wakes up with an entry appended while it waits', async () => {
      const last = await store().events.append(EVENTS, '{"n":0}', 100);
      const reader = open();
      const reading = reader.read(last, { count: 10, blockMs: 5000 });
      await sleep(100);
      const id = await store().events.append(EVENTS, '{"n":1}', 100);
      expect(await reading).toEqual([{ id, event: '{"n":1}' }]);
    });

    it('returns nothing once the block time has passed', async () => {
      const last = await store().events.append(EVENTS, '{"n":0}', 100);
      const started = Date.now();
      expect(await open().read(last, { count: 10, blockMs: 300 })).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });

    it('waits on a missing stream and wakes when the stream is created', async () => {
      const reading = open(HEALTH).read('0-0', { count: 10, blockMs: 5000 });
      await sleep(100);
      const id = await store().events.append(HEALTH, '{"state":"CONNECTED","since":1}', 100);
      expect(await reading).toEqual([{ id, event: '{"state":"CONNECTED","since":1}' }]);
    });

    it('gives every reader every entry', async () => {
      const readings = [open(), open()].map((reader) => reader.read('0-0', { count: 10, blockMs: 5000 }));
      await sleep(100);
      const id = await store().events.append(EVENTS, '{}', 100);
      expect(await Promise.all(readings)).toEqual([[{ id, event: '{}' }], [{ id, event: '{}' }]]);
    });

    it('ends a pending read with UNAVAILABLE when the reader is closed', async () => {
      const reader = open();
      const reading = reader.read('0-0', { count: 10, blockMs: 5000 });
      await sleep(100);
      await reader.close();
      await expectStoreError(reading, 'UNAVAILABLE');
    });

    it('fails with WRONG_TYPE on a key that holds a string', async () => {
      await store().cache.set(EVENTS as string as RedisKey, 'text');
      await expectStoreError(open().read('0-0', { count: 10, blockMs: 100 }), 'WRONG_TYPE');
    });
  });
}
