import { createFakeClock } from '@relay/lifecycle/testing';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import { createMemoryStore } from '@relay/store';
import { createGroupMonitor } from './group-monitor';
import { createMetricsForwarderMetrics } from './metrics-forwarder-metrics';
import { metricValue } from './testing/metric-value';

const stream = streamNames.sdkMetrics;
const group = METRICS_CONSUMER_GROUP;

function setup() {
  const clock = createFakeClock();
  const { events } = createMemoryStore({ clock });
  const registry = createMetricsRegistry({ service: 'metrics-forwarder', version: 'test' });
  const logger = createCapturingLogger();
  const monitor = createGroupMonitor({
    events,
    consumer: 'me',
    metrics: createMetricsForwarderMetrics(registry),
    logger,
    consumerMaxIdleMs: 3_600_000,
  });
  const append = (count: number, maxLen: number) =>
    Promise.all(Array.from({ length: count }, () => events.append(stream, '{}', maxLen)));
  return { clock, events, registry, logger, monitor, append };
}

describe('createGroupMonitor', () => {
  it('publishes lag and pending, and counts entries trimmed before the group read them after the baseline', async () => {
    const { events, registry, monitor, append } = setup();
    await events.createGroup(stream, group);
    await append(5, 3); // 2 trimmed before any read: the baseline, not counted
    const reader = events.openGroupReader(stream, group, 'me');
    await reader.read({ count: 1, blockMs: 1 });
    await monitor.sample();
    expect(await metricValue(registry, 'ff_proxy_metrics_dropped_total', { reason: 'trimmed' })).toBe(0);
    expect(monitor.last()).toEqual({ pending: 1, lag: 2 });
    expect(await metricValue(registry, 'ff_proxy_metrics_stream_lag', {})).toBe(2);
    expect(await metricValue(registry, 'ff_proxy_metrics_pending_entries', {})).toBe(1);
    await append(4, 3); // entries-added 9, length 3, entries-read 3: 3 entries trimmed unread since the baseline
    await monitor.sample();
    expect(await metricValue(registry, 'ff_proxy_metrics_dropped_total', { envID: '', reason: 'trimmed' })).toBe(3);
    await monitor.sample();
    expect(await metricValue(registry, 'ff_proxy_metrics_dropped_total', { envID: '', reason: 'trimmed' })).toBe(3);
    await reader.close();
  });

  it('skips a sample while the stream or group does not exist', async () => {
    const { monitor } = setup();
    await monitor.sample();
    expect(monitor.last()).toEqual({ pending: null, lag: null });
  });

  it('deletes consumers idle for over an hour with nothing pending, never itself', async () => {
    const { clock, events, monitor, append } = setup();
    await events.createGroup(stream, group);
    await append(3, 100);
    for (const [consumer, acknowledge] of [
      ['idle', true],
      ['holder', false],
      ['me', true],
    ] as const) {
      const reader = events.openGroupReader(stream, group, consumer);
      const entries = await reader.read({ count: 1, blockMs: 1 });
      if (acknowledge)
        await events.ack(
          stream,
          group,
          entries.map((entry) => entry.id),
        );
      await reader.close();
    }
    await clock.advance(3_600_001);
    await monitor.cleanUp();
    expect((await events.consumers(stream, group)).map((c) => c.name)).toEqual(['holder', 'me']);
  });
});
