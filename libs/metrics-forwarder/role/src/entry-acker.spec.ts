import { createCapturingLogger } from '@relay/logging/testing';
import { createMemoryStore, StoreError, type EventStream } from '@relay/store';
import { chunk, createEntryAcker, MAX_IDS_PER_ACK } from './entry-acker';

describe('chunk', () => {
  it('splits ids into chunks of at most the given size', () => {
    expect(chunk(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunk([], 500)).toEqual([]);
  });
});

describe('createEntryAcker', () => {
  function stub(fail: () => boolean) {
    const calls: number[] = [];
    const events = {
      ...createMemoryStore().events,
      async ack(_stream: string, _group: string, ids: readonly string[]) {
        calls.push(ids.length);
        if (fail()) throw new StoreError('UNAVAILABLE', 'redis down');
        return ids.length;
      },
    } as EventStream;
    return { events, calls };
  }

  it('sends at most 500 ids per XACK', async () => {
    const { events, calls } = stub(() => false);
    const acker = createEntryAcker(events, createCapturingLogger());
    await acker.ack(Array.from({ length: 1201 }, (_, i) => `${i}-0`));
    expect(calls).toEqual([MAX_IDS_PER_ACK, MAX_IDS_PER_ACK, 201]);
  });

  it('keeps the ids of a failed XACK and acknowledges them on retry', async () => {
    let down = true;
    const { events, calls } = stub(() => down);
    const logger = createCapturingLogger();
    const acker = createEntryAcker(events, logger);
    await acker.ack(['1-0', '2-0']);
    expect(acker.ids()).toEqual(['1-0', '2-0']);
    expect(acker.has('1-0')).toBe(true);
    expect(logger.find('metrics ack failed')).toHaveLength(1);
    down = false;
    await acker.retry();
    expect(acker.ids()).toEqual([]);
    expect(calls).toEqual([2, 2]);
  });
});
