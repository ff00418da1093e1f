import { createFakeClock } from '@relay/lifecycle/testing';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMemoryStore } from './create-memory-store';
import { createStoreHealthMonitor } from './create-store-health-monitor';
import { StoreError } from './store-error';

function createSwitchablePing() {
  let mode: 'ok' | 'fail' | 'hang' = 'ok';
  return {
    set: (next: typeof mode) => void (mode = next),
    cache: {
      ping: () =>
        mode === 'ok'
          ? Promise.resolve()
          : mode === 'fail'
            ? Promise.reject(new StoreError('UNAVAILABLE', 'connect ECONNREFUSED'))
            : new Promise<void>(() => undefined),
    },
  };
}

describe('createStoreHealthMonitor', () => {
  it('is unhealthy before the first PING and healthy once it answered', async () => {
    const logger = createCapturingLogger();
    const ping = createSwitchablePing();
    const monitor = createStoreHealthMonitor({ cache: ping.cache, logger, clock: createFakeClock() });
    expect(monitor.isHealthy()).toBe(false);
    await monitor.start();
    expect(monitor.isHealthy()).toBe(true);
    expect(logger.lines).toEqual([]); // startup's own `redis connected` line is the connector's
    monitor.close();
  });

  it('PINGs every interval and logs only the transitions', async () => {
    const logger = createCapturingLogger();
    const clock = createFakeClock();
    const ping = createSwitchablePing();
    const monitor = createStoreHealthMonitor({ cache: ping.cache, logger, clock, intervalMs: 10_000 });
    await monitor.start();
    ping.set('fail');
    await clock.advance(9_999);
    expect(monitor.isHealthy()).toBe(true);
    await clock.advance(1);
    expect(monitor.isHealthy()).toBe(false);
    await clock.advance(20_000);
    expect(logger.find('redis unavailable')).toEqual([
      expect.objectContaining({ level: 'error', err: expect.any(StoreError) }),
    ]);
    ping.set('ok');
    await clock.advance(10_000);
    expect(monitor.isHealthy()).toBe(true);
    expect(logger.lines.map((line) => line.msg)).toEqual(['redis unavailable', 'redis connected']);
    monitor.close();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('counts a PING that does not answer within the timeout as failed', async () => {
    const logger = createCapturingLogger();
    const clock = createFakeClock();
    const ping = createSwitchablePing();
    ping.set('hang');
    const monitor = createStoreHealthMonitor({ cache: ping.cache, logger, clock, intervalMs: 10_000, timeoutMs: 2000 });
    const started = monitor.start();
    await clock.advance(2000);
    await started;
    expect(monitor.isHealthy()).toBe(false);
    expect(logger.find('redis unavailable')).toHaveLength(1);
    monitor.close();
  });

  it('finds the in-memory store always healthy', async () => {
    const monitor = createStoreHealthMonitor({ cache: createMemoryStore().cache, logger: createCapturingLogger() });
    await monitor.start();
    expect(monitor.isHealthy()).toBe(true);
    monitor.close();
  });
});
