import { createCapturingLogger } from '@relay/logging/testing';
import { backoffDelay } from './backoff-delay';
import { createFakeClock } from './fake-clock';
import { createInstanceId } from './instance-id';
import { createResourceStack } from './resource-stack';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const options = { initialMs: 1000, maxMs: 5000 };
    expect([0, 1, 2, 3, 10].map((attempt) => backoffDelay(attempt, options))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('spreads each delay over the jitter range', () => {
    const options = { initialMs: 1000, maxMs: 60000, jitter: 0.2 };
    expect(backoffDelay(0, options, () => 0)).toBe(800);
    expect(backoffDelay(0, options, () => 0.5)).toBe(1000);
    expect(backoffDelay(0, options, () => 0.999999)).toBe(1200);
  });
});

describe('createFakeClock', () => {
  it('runs due timers in order when advanced, and re-armed timers again', async () => {
    const clock = createFakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    const a = clock.setTimeout(() => fired.push('a'), 100);
    await clock.advance(150);
    expect(fired).toEqual(['a']);
    a.refresh();
    await clock.advance(99);
    expect(fired).toEqual(['a', 'b']);
    await clock.advance(1);
    expect(fired).toEqual(['a', 'b', 'a']);
    expect(clock.now()).toBe(250);
  });

  it('resolves sleeps when time passes or the signal aborts', async () => {
    const clock = createFakeClock(0);
    let slept = false;
    void clock.sleep(1000).then(() => (slept = true));
    await clock.advance(999);
    expect(slept).toBe(false);
    await clock.advance(1);
    expect(slept).toBe(true);
    const controller = new AbortController();
    const aborted = clock.sleep(1_000_000, controller.signal);
    controller.abort();
    await expect(aborted).resolves.toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('createResourceStack', () => {
  it('prepares every resource, then closes them in reverse order, logging failures', async () => {
    const logger = createCapturingLogger();
    const stack = createResourceStack(logger);
    const order: string[] = [];
    stack.add('redis', { close: () => void order.push('close redis') });
    stack.add('role', { prepareClose: () => void order.push('prepare role'), close: () => { throw new Error('boom'); } });
    stack.add('http', { prepareClose: () => void order.push('prepare http'), close: async () => void order.push('close http') });
    expect(await stack.closeAll(1000)).toBe(true);
    expect(order).toEqual(['prepare http', 'prepare role', 'close http', 'close redis']);
    expect(logger.find('resource close failed')).toEqual([expect.objectContaining({ resource: 'role' })]);
    expect(stack.isClosing()).toBe(true);
  });

  it('gives up when the budget runs out', async () => {
    const stack = createResourceStack(createCapturingLogger());
    stack.add('stuck', { close: () => new Promise<void>(() => undefined) });
    expect(await stack.closeAll(20)).toBe(false);
  });
});

describe('createInstanceId', () => {
  it('is hostname:pid:8 hex', () => {
    expect(createInstanceId()).toMatch(new RegExp(`^.+:${process.pid}:[0-9a-f]{8}$`));
  });
});
