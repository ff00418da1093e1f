import type { SaasEvent } from '@relay/flag-model';
import { createFakeClock } from '@relay/lifecycle/testing';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { createSaasSyncMetrics } from './saas-sync-metrics';
import { createSyncWorker } from './sync-worker';

function setup(options: { failSyncs?: number; failEvents?: number } = {}) {
  const clock = createFakeClock();
  const log: string[] = [];
  let failSyncs = options.failSyncs ?? 0;
  let failEvents = options.failEvents ?? 0;
  const registry = createMetricsRegistry({ service: 't', version: 't' });
  const logger = createCapturingLogger();
  const worker = createSyncWorker({
    clock, logger, metrics: createSaasSyncMetrics(registry), retryCapMs: 5000, random: () => 0.5, eventRetryDelaysMs: [100, 200],
    runSync: async (trigger, envIds) => {
      log.push(`sync ${trigger}${envIds ? ` ${[...envIds].sort().join(',')}` : ''}`);
      if (failSyncs-- > 0) throw new Error('saas down');
    },
    handleEvent: async (event) => {
      log.push(`event ${event.identifier}`);
      if (failEvents-- > 0) throw new Error('fetch failed');
    },
  });
  return { clock, log, worker, registry, logger };
}
const event = (identifier: string): SaasEvent => ({ event: 'patch', domain: 'flag', identifier, environment: 'e', version: 1 });

describe('createSyncWorker', () => {
  it('holds everything until resumed, then runs syncs before queued events, one at a time', async () => {
    const { worker, log } = setup();
    worker.enqueue(event('a'));
    worker.requestSync('leader');
    expect(log).toEqual([]);
    worker.resume();
    await worker.idle();
    expect(log).toEqual(['sync leader', 'event a']);
  });

  it('coalesces sync requests: an unrestricted sync absorbs restricted ones, restricted ones merge', async () => {
    const { worker, log } = setup();
    worker.requestSync('environment_added', ['e1']);
    worker.requestSync('environment_added', ['e2']);
    worker.resume();
    await worker.idle();
    worker.requestSync('poll'); // starts at once
    worker.requestSync('environment_added', ['e3']);
    worker.requestSync('reconnect');
    worker.requestSync('environment_added', ['e4']);
    await worker.idle();
    expect(log).toEqual(['sync environment_added e1,e2', 'sync poll', 'sync reconnect']);
  });

  it('retries a failed sync with backoff until it succeeds, but not a failed poll', async () => {
    const { worker, log, clock } = setup({ failSyncs: 2 });
    worker.resume();
    worker.requestSync('leader');
    await worker.idle();
    await clock.advance(999);
    expect(log).toEqual(['sync leader']);
    await clock.advance(1);
    await clock.advance(2000);
    expect(log).toEqual(['sync leader', 'sync leader', 'sync leader']);
    await clock.advance(60_000);
    expect(log).toHaveLength(3);

    const poll = setup({ failSyncs: 1 });
    poll.worker.resume();
    poll.worker.requestSync('poll');
    await poll.worker.idle();
    await poll.clock.advance(60_000);
    expect(poll.log).toEqual(['sync poll']);
  });

  it('retries a failed event handler, then counts it and schedules a resync', async () => {
    const { worker, log, clock, registry, logger } = setup({ failEvents: 5 });
    worker.resume();
    worker.enqueue(event('a'));
    await clock.advance(100);
    await clock.advance(200);
    await worker.idle();
    expect(log).toEqual(['event a', 'event a', 'event a', 'sync resync']);
    expect(await registry.metrics()).toContain('ff_proxy_saas_event_handler_failures_total{domain="flag",event="patch"} 1');
    expect(logger.find('saas event failed')).toHaveLength(1);
  });

  it('drops the queue and pending work when stopped', async () => {
    const { worker, log } = setup();
    worker.enqueue(event('a'));
    worker.requestSync('leader');
    await worker.stop();
    worker.resume();
    await worker.idle();
    expect(log).toEqual([]);
  });
});
