import { createFakeClock } from '@relay/lifecycle/testing';
import { createCapturingLogger } from '@relay/logging/testing';
import { redisKeys } from '@relay/redis-contract';
import { createMemoryStore, StoreError, type ConfigCache } from '@relay/store';
import { createLeaderLease, NotLeaderError } from './leader-lease';

const KEY = redisKeys.leader('h');

function setup(cache: ConfigCache, clock: ReturnType<typeof createFakeClock>, name: string) {
  const events: string[] = [];
  const lease = createLeaderLease({
    cache, key: KEY, instanceId: name, ttlMs: 3000, clock, logger: createCapturingLogger(),
    listener: { onAcquired: () => events.push('acquired'), onLost: () => events.push('lost') },
  });
  return { lease, events };
}

describe('createLeaderLease', () => {
  it('lets exactly one instance lead, renews it, and hands over when the leader disappears', async () => {
    const clock = createFakeClock();
    const { cache } = createMemoryStore({ clock });
    const a = setup(cache, clock, 'a');
    const b = setup(cache, clock, 'b');
    a.lease.start();
    await clock.advance(0);
    b.lease.start();
    await clock.advance(0);
    expect([a.lease.isLeader(), b.lease.isLeader()]).toEqual([true, false]);
    expect(await cache.get(KEY)).toBe('"a"');
    await clock.advance(10_000);
    expect([a.lease.isLeader(), b.lease.isLeader()]).toEqual([true, false]);
    await a.lease.close();
    expect(await cache.exists(KEY)).toBe(false);
    await clock.advance(1000);
    expect(b.lease.isLeader()).toBe(true);
    expect(b.events).toEqual(['acquired']);
    await b.lease.close();
  });

  it('steps down when a renewal is refused, and when it cannot renew for 2/3 of the lease', async () => {
    const clock = createFakeClock();
    const { cache } = createMemoryStore({ clock });
    let down = false;
    const flaky: ConfigCache = { ...cache, compareAndExpire: (...args) => (down ? Promise.reject(new StoreError('UNAVAILABLE', 'x')) : cache.compareAndExpire(...args)) };
    const a = setup(flaky, clock, 'a');
    a.lease.start();
    await clock.advance(0);
    expect(a.lease.isLeader()).toBe(true);
    down = true;
    await clock.advance(1000);
    expect(a.lease.isLeader()).toBe(true);
    await clock.advance(1000);
    expect(a.lease.isLeader()).toBe(false);
    expect(() => a.lease.assertLeader()).toThrow(NotLeaderError);
    expect(a.events).toEqual(['acquired', 'lost']);
    await a.lease.close();

    const b = setup(cache, clock, 'b');
    b.lease.start();
    await clock.advance(3000);
    await cache.set(KEY, '"someone-else"');
    await clock.advance(1000);
    expect(b.events).toEqual(['acquired', 'lost']);
    await b.lease.close();
    expect(await cache.get(KEY)).toBe('"someone-else"');
  });
});
