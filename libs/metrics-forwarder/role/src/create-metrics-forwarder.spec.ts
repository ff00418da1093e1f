import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import { createForwarderHarness, metricsEntry } from './testing/forwarder-harness';
import { metricValue } from './testing/metric-value';

const ENV_A = 'env-a';
const ENV_B = 'env-b';
const failure = { outcome: 'failed', status: 503, retryable: true, error: new Error('503') } as const;

describe('createMetricsForwarder', () => {
  describe('given forwarding is disabled', () => {
    it.each([
      [{ enabled: false, postIntervalMs: 0 }, 'METRIC_POST_DURATION=0'],
      [{ enabled: false, offline: true }, 'OFFLINE=true'],
    ])('creates no group, reads nothing and says so', async (config, reason) => {
      const h = createForwarderHarness({ config });
      await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]));
      await h.forwarder.start();
      await h.clock.advance(120_000);
      expect(h.logger.find('metrics forwarding disabled')).toEqual([
        expect.objectContaining({ level: 'info', reason }),
      ]);
      expect(await h.store.events.groupInfo(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP)).toBeUndefined();
      expect(h.poster.posts).toEqual([]);
      expect(h.poster.authentications()).toBe(0);
      expect(h.forwarder.notReadyReasons()).toEqual([]);
      await h.forwarder.close();
    });
  });

  it('is not ready until the consumer group exists, then creates it at 0 so earlier entries are forwarded', async () => {
    const h = createForwarderHarness();
    const id = await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]));
    expect(h.forwarder.notReadyReasons()).toEqual(['consumer group not created']);
    await h.forwarder.start();
    expect(h.forwarder.notReadyReasons()).toEqual([]);
    expect(h.poster.authentications()).toBe(1);
    await h.clock.advance(0);
    expect(await h.pendingByConsumer()).toEqual({ 'forwarder-1': 1 });
    await h.clock.advance(60_000);
    expect(h.poster.posts).toHaveLength(1);
    expect(await h.pendingByConsumer()).toEqual({});
    expect(await h.store.events.rangeAfter(streamNames.sdkMetrics, '0-0', 10)).toEqual([
      expect.objectContaining({ id }),
    ]);
    await h.forwarder.close();
  });

  it('tolerates an existing group (BUSYGROUP)', async () => {
    const h = createForwarderHarness();
    await h.store.events.createGroup(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP);
    await h.forwarder.start();
    expect(h.forwarder.notReadyReasons()).toEqual([]);
    await h.forwarder.close();
  });

  it('aggregates entries per environment every METRIC_POST_DURATION and acknowledges what SaaS accepted', async () => {
    const h = createForwarderHarness();
    await h.forwarder.start();
    await h.append(
      metricsEntry(ENV_A, [
        ['f', 'on', 2],
        ['f', 'off', 1],
      ]),
    );
    await h.append(metricsEntry(ENV_A, [['f', 'on', 3]]));
    await h.append({
      ...metricsEntry(ENV_B, [['g', 'on', 4]]),
      targetData: [{ identifier: 'u1', name: 'U1', attributes: [] }],
    });
    await h.clock.advance(59_999);
    expect(h.poster.posts).toEqual([]);
    expect(await metricValue(h.registry, 'ff_proxy_metrics_batch_bytes', {})).toBeGreaterThan(0);
    await h.clock.advance(1);
    const counts = h.poster.posts.map(({ envId, body }) =>
      'metricsData' in body
        ? [envId, body.metricsData.map((item) => item.count)]
        : [envId, body.targetData.map((t) => t.identifier)],
    );
    expect(counts).toEqual([
      [ENV_A, [5, 1]],
      [ENV_B, [4]],
      [ENV_B, ['u1']],
    ]);
    expect(await h.pendingByConsumer()).toEqual({});
    expect(await metricValue(h.registry, 'ff_proxy_metrics_batch_bytes', {})).toBe(0);
    expect(
      await metricValue(h.registry, 'ff_proxy_primary_metrics_stream_consumer_messages_received', { error: 'false' }),
    ).toBe(3);
    expect(await metricValue(h.registry, 'ff_proxy_primary_metrics_stream_consumer_subscription_requests', {})).toBe(2);
    await h.forwarder.close();
  });

  it('flushes as soon as the batch reaches the size limit and restarts the timer', async () => {
    const h = createForwarderHarness({ limits: { flushBytes: 600 } });
    await h.forwarder.start();
    await h.clock.advance(30_000);
    const entry = metricsEntry(ENV_A, [['f', 'on', 1]]);
    const size = Buffer.byteLength(JSON.stringify(entry));
    for (let i = 0; i * size < 600; i += 1) await h.append(entry);
    await h.clock.advance(0);
    expect(h.poster.posts).toHaveLength(1);
    await h.append(entry);
    await h.clock.advance(59_999);
    expect(h.poster.posts).toHaveLength(1);
    await h.clock.advance(1);
    expect(h.poster.posts).toHaveLength(2);
    await h.forwarder.close();
  });

  it('keeps entries pending while SaaS fails and acknowledges them once it recovers', async () => {
    const h = createForwarderHarness();
    await h.forwarder.start();
    h.poster.respondWith(failure, failure, failure);
    await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]));
    await h.clock.advance(60_000);
    await h.clock.advance(3000);
    expect(h.poster.posts).toHaveLength(3);
    expect(await h.pendingByConsumer()).toEqual({ 'forwarder-1': 1 });
    await h.clock.advance(4000);
    expect(h.poster.posts).toHaveLength(4);
    expect(await h.pendingByConsumer()).toEqual({});
    expect(await metricValue(h.registry, 'ff_proxy_metrics_post_retries_total', { envID: ENV_A })).toBe(3);
    await h.forwarder.close();
  });

  it('acknowledges malformed entries at once, counts them and goes on', async () => {
    const h = createForwarderHarness();
    await h.forwarder.start();
    const bad = await h.append('not json');
    await h.append({ environment_id: ENV_B, metricsData: 'nope' });
    await h.append({
      environment_id: ENV_A,
      metricsData: [{ attributes: 'x' }, metricsEntry(ENV_A, [['f', 'on', 1]]).metricsData[0]],
    });
    await h.clock.advance(0);
    expect(await h.pendingByConsumer()).toEqual({ 'forwarder-1': 1 });
    expect(await metricValue(h.registry, 'ff_proxy_metrics_dropped_total', { envID: '', reason: 'malformed' })).toBe(1);
    expect(await metricValue(h.registry, 'ff_proxy_metrics_dropped_total', { envID: ENV_B, reason: 'malformed' })).toBe(
      1,
    );
    expect(await metricValue(h.registry, 'ff_proxy_metrics_dropped_total', { envID: ENV_A, reason: 'malformed' })).toBe(
      1,
    );
    expect(
      await metricValue(h.registry, 'ff_proxy_primary_metrics_stream_consumer_messages_received', {
        error: 'err_parsing_message',
      }),
    ).toBe(2);
    expect(h.logger.find('metrics dropped')[0]).toMatchObject({
      level: 'error',
      reason: 'malformed',
      id: bad,
      count: 1,
    });
    await h.clock.advance(60_000);
    expect(h.poster.posts).toHaveLength(1);
    expect(await h.pendingByConsumer()).toEqual({});
    await h.forwarder.close();
  });

  it('pauses reading while unresolved jobs hold more than the backpressure limit', async () => {
    const h = createForwarderHarness({ limits: { flushBytes: 1, maxUnresolvedBytes: 1 } });
    await h.forwarder.start();
    h.poster.pause();
    await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]));
    await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]));
    await h.clock.advance(0);
    await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]));
    await h.clock.advance(10_000);
    const group = await h.store.events.groupInfo(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP);
    expect(group?.lag).toBe(1);
    expect(h.forwarder.heartbeatFields()).toMatchObject({ inflightJobs: 2 });
    h.poster.resume();
    await h.clock.advance(0);
    expect(h.poster.posts).toHaveLength(3);
    expect((await h.store.events.groupInfo(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP))?.lag).toBe(0);
    await h.forwarder.close();
  });

  it('keeps its own pending entries alive so a second instance does not take them over', async () => {
    // The first instance runs no takeover of its own, so only its keep-alive XCLAIM protects its entries.
    const first = createForwarderHarness({ timings: { autoClaimIntervalMs: 10_000_000 } });
    const second = createForwarderHarness({ store: first.store, clock: first.clock, instanceId: 'forwarder-2' });
    await first.forwarder.start();
    await second.forwarder.start();
    first.poster.respondWith(...Array.from({ length: 20 }, () => failure));
    await first.append(metricsEntry(ENV_A, [['f', 'on', 1]]));
    await first.clock.advance(0);
    const owner = Object.keys(await first.pendingByConsumer())[0] as string;
    await first.clock.advance(300_000);
    expect(await first.pendingByConsumer()).toEqual({ [owner]: 1 });
    expect(second.poster.posts).toEqual([]);
    const closed = Promise.all([first.forwarder.close(), second.forwarder.close()]);
    await first.clock.advance(8000); // the drain budget: 80 % of SHUTDOWN_TIMEOUT
    await closed;
  });

  it('takes over the entries of a dead consumer and counts the trimmed ones', async () => {
    const h = createForwarderHarness();
    const { events } = h.store;
    await events.createGroup(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP);
    await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]), 3);
    await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]), 3);
    const dead = events.openGroupReader(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP, 'dead');
    expect(await dead.read({ count: 10, blockMs: 1 })).toHaveLength(2);
    await dead.close();
    await h.append(metricsEntry(ENV_B, [['g', 'on', 1]]), 3);
    await h.append(metricsEntry(ENV_B, [['g', 'on', 1]]), 3); // trims the first entry the dead consumer held
    await h.forwarder.start();
    await h.clock.advance(30_000);
    expect(await h.pendingByConsumer()).toEqual({ dead: 1, 'forwarder-1': 2 });
    await h.clock.advance(30_000);
    expect(await metricValue(h.registry, 'ff_proxy_metrics_dropped_total', { envID: '', reason: 'trimmed' })).toBe(1);
    await h.clock.advance(60_000);
    expect(await h.pendingByConsumer()).toEqual({});
    expect(h.poster.posts.map((post) => post.envId).sort()).toEqual([ENV_A, ENV_B]);
    await h.forwarder.close();
  });

  it('on close, stops reading, flushes at once and leaves what SaaS did not accept pending', async () => {
    const h = createForwarderHarness({ shutdownTimeoutMs: 10_000 });
    await h.forwarder.start();
    await h.append(metricsEntry(ENV_A, [['f', 'on', 1]]));
    await h.append(metricsEntry(ENV_B, [['g', 'on', 1]]));
    await h.clock.advance(0);
    h.poster.respondWith({ outcome: 'accepted', status: 200 }, ...Array.from({ length: 10 }, () => failure));
    h.forwarder.prepareClose?.();
    const closed = h.forwarder.close();
    await h.clock.advance(8000);
    await closed;
    expect(h.poster.posts.map((post) => post.envId)).toEqual([ENV_A, ENV_B, ENV_B, ENV_B, ENV_B]);
    expect(await h.pendingByConsumer()).toEqual({ 'forwarder-1': 1 });
    expect(h.logger.find('metrics left pending')).toEqual([expect.objectContaining({ jobs: 1 })]);
  });

  it('reports redis unavailable while the store does not answer PING', async () => {
    const h = createForwarderHarness({ pingStore: true, cache: { ping: () => Promise.reject(new Error('down')) } });
    await h.forwarder.start();
    await h.clock.advance(0);
    expect(h.forwarder.notReadyReasons()).toEqual(['redis unavailable']);
    expect(h.forwarder.heartbeatFields()).toEqual({ pending: 0, lag: 0, inflightJobs: 0 });
    await h.forwarder.close();
  });
});
