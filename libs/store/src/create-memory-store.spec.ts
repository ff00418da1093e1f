import { type Clock } from '@relay/lifecycle';
import { createFakeClock } from '@relay/lifecycle/testing';
import { METRICS_CONSUMER_GROUP, type RedisKey, redisKeys, scanPatterns, streamNames } from '@relay/redis-contract';
import { createMemoryStore } from './create-memory-store';
import { StoreError } from './store-error';
import { describeConfigCacheContract, describeEventStreamContract } from './testing';

// The shared contract suite (spec/redis-contract.md §10) against the in-memory adapter, on the real
// clock so that it runs exactly as it does against Redis.
describeConfigCacheContract('in-memory', () => createMemoryStore());
describeEventStreamContract('in-memory', () => createMemoryStore());

describe('createMemoryStore with a fake clock', () => {
  const EVENTS = streamNames.sseEvents;
  const METRICS = streamNames.sdkMetrics;

  function setup(offset = { ms: 0 }) {
    const fake = createFakeClock(1_700_000_000_000);
    const clock: Clock = { ...fake, now: () => fake.now() + offset.ms };
    return { fake, offset, ...createMemoryStore({ clock }) };
  }

  it('keeps ids increasing when the clock goes backwards, and compares them numerically', async () => {
    const { events, offset } = setup();
    const first = await events.append(EVENTS, '{}', 100);
    offset.ms = -60_000;
    const ids = [first];
    for (let i = 0; i < 11; i += 1) ids.push(await events.append(EVENTS, '{}', 100));
    expect(ids).toEqual(Array.from({ length: 12 }, (_, seq) => `1700000000000-${seq}`));
    const after = await events.rangeAfter(EVENTS, '1700000000000-9', 10);
    expect(after.map((entry) => entry.id)).toEqual(['1700000000000-10', '1700000000000-11']);
  });

  it('starts a new sequence when the clock moves on', async () => {
    const { events, fake } = setup();
    await events.append(EVENTS, '{}', 100);
    await events.append(EVENTS, '{}', 100);
    await fake.advance(1);
    expect(await events.append(EVENTS, '{}', 100)).toBe('1700000000001-0');
  });

  it('keeps a key until its TTL has fully passed (Redis: expired when now > expiry)', async () => {
    const { cache, fake } = setup();
    const lease = redisKeys.leader('a'.repeat(64));
    const target = redisKeys.targetConfig('env', 'user');
    await cache.setIfAbsent(lease, '"me"', { ttlMs: 1000 });
    await cache.set(target, '{}', { ttlSeconds: 30 });
    await fake.advance(1000);
    expect(await cache.exists(lease)).toBe(true);
    await fake.advance(1);
    expect(await cache.exists(lease)).toBe(false);
    expect(await cache.scan(scanPatterns.targetConfigs('env'))).toEqual([target]);
    await fake.advance(29_000);
    expect(await cache.get(target)).toBeUndefined();
    expect(await cache.scan(scanPatterns.targetConfigs('env'))).toEqual([]);
  });

  it('keeps the TTL of a counter across INCR and fails on overflow', async () => {
    const { cache, fake } = setup();
    const version = redisKeys.version('env');
    await cache.setIfAbsent(version, '1', { ttlMs: 100 });
    expect(await cache.increment(version)).toBe(2);
    await fake.advance(101);
    expect(await cache.exists(version)).toBe(false);
    await cache.set(version, '9223372036854775807');
    await expect(cache.increment(version)).rejects.toMatchObject({ code: 'OTHER' });
  });

  it('ends a blocking read after the block time on the injected clock, or at the append', async () => {
    const { events, fake } = setup();
    const reader = events.openReader(EVENTS);
    let result: unknown;
    void reader.read('0-0', { count: 10, blockMs: 5000 }).then((entries) => (result = entries));
    await fake.advance(4999);
    expect(result).toBeUndefined();
    await fake.advance(1);
    expect(result).toEqual([]);
    const reading = reader.read('0-0', { count: 10, blockMs: 5000 });
    const id = await events.append(EVENTS, '{"n":1}', 10);
    expect(await reading).toEqual([{ id, event: '{"n":1}' }]);
    expect(fake.pendingTimers()).toBe(0);
    await reader.close();
  });

  it('measures idle times and min-idle on the injected clock', async () => {
    const { events, fake } = setup();
    await events.createGroup(METRICS, METRICS_CONSUMER_GROUP);
    await events.append(METRICS, '{}', 10);
    const reader = events.openGroupReader(METRICS, METRICS_CONSUMER_GROUP, 'dead');
    const [entry] = await reader.read({ count: 10, blockMs: 1000 });
    await fake.advance(59_999);
    expect((await events.autoClaim(METRICS, METRICS_CONSUMER_GROUP, 'alive', 60_000, '0-0', 100)).entries).toEqual([]);
    await fake.advance(1);
    expect(await events.consumers(METRICS, METRICS_CONSUMER_GROUP)).toEqual([{ name: 'dead', pending: 1, idleMs: 60_000 }]);
    const claimed = await events.autoClaim(METRICS, METRICS_CONSUMER_GROUP, 'alive', 60_000, '0-0', 100);
    expect(claimed.entries).toEqual([entry]);
    await reader.close();
  });

  it('rejects non-integer arguments as Redis does', async () => {
    const { cache, events } = setup();
    await expect(cache.set(redisKeys.configStatus(), '{}', { ttlSeconds: 1.5 })).rejects.toMatchObject({ code: 'NOT_INTEGER' });
    await expect(events.append(EVENTS, '{}', 2.5)).rejects.toMatchObject({ code: 'NOT_INTEGER' });
    await expect(events.append(EVENTS, '{}', -1)).rejects.toMatchObject({ code: 'OTHER' });
    await expect(events.autoClaim(METRICS, 'g', 'c', 0, '0-0', 0)).rejects.toMatchObject({ code: 'OTHER' });
  });

  it('lets a group reader fail when the group disappears with its stream', async () => {
    const { cache, events } = setup();
    await events.createGroup(METRICS, METRICS_CONSUMER_GROUP);
    const reader = events.openGroupReader(METRICS, METRICS_CONSUMER_GROUP, 'c1');
    const reading = reader.read({ count: 1, blockMs: 5000 });
    await cache.set(METRICS as string as RedisKey, 'text');
    await expect(reading).rejects.toBeInstanceOf(StoreError);
    await reader.close();
  });
});
