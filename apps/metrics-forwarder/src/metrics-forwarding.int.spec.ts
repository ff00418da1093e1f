import type { TestRedisTopology } from '@relay/redis-test-server';
import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import type { OpenStore } from '@relay/store-redis';
import {
  appendEntries,
  ENV_A,
  ENV_B,
  forwarderEnv,
  GO_SDK,
  groupState,
  JS_CLIENT_SDK,
  metricsItem,
  NODE_SDK,
  openTestStore,
  PROXY_KEY,
  seedState,
  startForwarder,
  waitFor,
  waitForAllAcknowledged,
  type ForwarderUnderTest,
  type TestSdk,
} from './testing/forwarder-harness';
import { countsByKey, metricsPosts, targetsByEnv } from './testing/posted-metrics';
import { metricValue } from '@relay/metrics-forwarder/testing';

const SDKS = [NODE_SDK, GO_SDK, JS_CLIENT_SDK];

/** `count` entries spread over two environments, three SDKs, five flags and two variations, and the expected sums. */
function generateEntries(count: number): { entries: unknown[]; expected: Map<string, number> } {
  const expected = new Map<string, number>();
  const entries: unknown[] = [];
  for (let i = 0; i < count; i += 1) {
    const env = i % 3 === 0 ? ENV_B : ENV_A;
    const sdk = SDKS[i % SDKS.length] as TestSdk;
    const items = [0, 1].map((k) => {
      const feature = `flag-${(i + k) % 5}`;
      const variation = (i * 7 + k) % 2 === 0 ? 'true' : 'false';
      const n = 1 + ((i * 13 + k) % 4);
      const key = [env, feature, variation, sdk.language, sdk.version].join('|');
      expected.set(key, (expected.get(key) ?? 0) + n);
      return metricsItem(feature, variation, n, sdk, `user-${i % 17}`);
    });
    entries.push({
      environment_id: env,
      metricsData: items,
      targetData: [{ identifier: `user-${i % 17}`, name: `User ${i % 17}`, attributes: [] }],
    });
  }
  return { entries, expected };
}

describe.each<TestRedisTopology>(['standalone', 'cluster'])('metrics-forwarder on %s Redis', (topology) => {
  let emulator: SaasEmulator;
  let producer: OpenStore;
  const running: ForwarderUnderTest[] = [];
  const start = async (env: Record<string, string> = {}, options = {}) => {
    const forwarder = await startForwarder({ ...forwarderEnv(topology, emulator), ...env }, options);
    running.push(forwarder);
    return forwarder;
  };

  beforeEach(async () => {
    producer = await openTestStore(topology);
    emulator = await startSaasEmulator({ state: seedState() });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((forwarder) => forwarder.stop()));
    await producer.close();
    await emulator.close();
  });

  it('posts exact sums across thousands of entries and several SDKs, with the documented request', async () => {
    const { entries, expected } = generateEntries(3000);
    const forwarder = await start();
    await appendEntries(producer, entries);
    await waitForAllAcknowledged(producer);
    const posts = await metricsPosts(emulator);
    expect(countsByKey(posts)).toEqual(expected);
    // Aggregated: far fewer items were posted than the 6000 the SDKs sent.
    const postedItems = posts.reduce(
      (sum, post) => sum + ((post.body as { metricsData?: unknown[] }).metricsData?.length ?? 0),
      0,
    );
    expect(postedItems).toBeLessThan(1000);
    expect(new Set(targetsByEnv(posts).get(ENV_A))).toEqual(new Set(Array.from({ length: 17 }, (_, i) => `user-${i}`)));
    const first = posts[0]!;
    expect(first.query).toEqual({ cluster: '1' });
    expect(first.headers).toMatchObject({
      authorization: expect.stringMatching(/^Bearer .+\..+\..+$/),
      'content-type': 'application/json',
      'harness-accountid': 'acc-123',
      'harness-environmentid': first.path.split('/').pop(),
      'harness-sdk-info': 'Proxy test',
      'user-agent': 'ff-proxy-ts/test',
    });
    expect(await metricValue(forwarder.registry, 'ff_proxy_metrics_forwarded', { error: 'false' })).toBe(posts.length);
    expect(
      await metricValue(forwarder.registry, 'ff_proxy_primary_metrics_stream_consumer_messages_received', {
        error: 'false',
      }),
    ).toBe(3000);
    expect(
      await metricValue(forwarder.registry, 'ff_proxy_sdk_usage', {
        envID: ENV_A,
        sdk_language: 'go',
        sdk_version: '0.1.23',
      }),
    ).toBeGreaterThan(0);
    expect(
      await metricValue(forwarder.registry, 'ff_proxy_to_client_service_requests', { url: '/proxy/auth', code: '200' }),
    ).toBe(1);
  });

  it('flushes as soon as 1 MiB of entries is batched, long before METRIC_POST_DURATION', async () => {
    await start({ METRIC_POST_DURATION: '3600' });
    // ~64 KiB per entry: the batch passes 1 MiB after the 16th entry; the last 4 wait for the next flush.
    const padding = 'x'.repeat(64 * 1024);
    const entries = Array.from({ length: 20 }, (_, i) => ({
      environment_id: ENV_A,
      metricsData: [metricsItem('big-flag', 'true', 1, NODE_SDK)],
      targetData: [{ identifier: `user-${i}`, name: padding, attributes: [] }],
    }));
    const size = Buffer.byteLength(JSON.stringify(entries[0]));
    const flushedAfter = Math.ceil(1_048_576 / size);
    expect(flushedAfter).toBe(16);
    await appendEntries(producer, entries);
    await waitFor(async () => (await metricsPosts(emulator)).length === 2);
    const posts = await metricsPosts(emulator);
    expect(countsByKey(posts).get([ENV_A, 'big-flag', 'true', 'javascript', '1.8.12'].join('|'))).toBe(flushedAfter);
    expect(targetsByEnv(posts).get(ENV_A)).toHaveLength(flushedAfter);
    await waitFor(async () => (await groupState(producer))?.pending === 20 - flushedAfter);
  });

  it('keeps entries pending through SaaS 500s, then delivers every count exactly once', async () => {
    const { entries, expected } = generateEntries(200);
    await emulator.admin.setFault({ target: 'metrics', mode: 'status', status: 500, count: 3 });
    const forwarder = await start();
    await appendEntries(producer, entries);
    await waitFor(async () => (await metricsPosts(emulator)).length >= 3);
    expect((await groupState(producer))?.pending).toBeGreaterThan(0);
    await waitForAllAcknowledged(producer);
    const accepted = (await metricsPosts(emulator)).slice(3);
    expect(countsByKey(accepted)).toEqual(expected);
    expect(await metricValue(forwarder.registry, 'ff_proxy_metrics_forwarded', { error: 'true' })).toBe(3);
    expect(await metricValue(forwarder.registry, 'ff_proxy_metrics_post_retries_total', {})).toBe(3);
    expect(forwarder.logger.find('metrics post failed')).toHaveLength(3);
  }, 40_000);

  it('acknowledges malformed entries, counts them and forwards the rest', async () => {
    const forwarder = await start();
    const [bad] = await appendEntries(producer, [
      '{"environment_id":',
      { environment_id: ENV_A, metricsData: 'not an array' },
      { environment_id: ENV_A, metricsData: [{ attributes: 'x' }, metricsItem('f', 'true', 2, GO_SDK)] },
    ]);
    await waitForAllAcknowledged(producer);
    await waitFor(async () => (await metricsPosts(emulator)).length === 1);
    expect(countsByKey(await metricsPosts(emulator))).toEqual(
      new Map([[[ENV_A, 'f', 'true', 'go', '0.1.23'].join('|'), 2]]),
    );
    expect(
      await metricValue(forwarder.registry, 'ff_proxy_metrics_dropped_total', { envID: '', reason: 'malformed' }),
    ).toBe(1);
    expect(
      await metricValue(forwarder.registry, 'ff_proxy_metrics_dropped_total', { envID: ENV_A, reason: 'malformed' }),
    ).toBe(2);
    expect(forwarder.logger.find('metrics dropped')[0]).toMatchObject({ reason: 'malformed', id: bad });
  });

  it('shares the work between two instances in parallel, every count delivered once', async () => {
    const { entries, expected } = generateEntries(1000);
    const first = await start({}, { instanceId: 'forwarder-one' });
    const second = await start({}, { instanceId: 'forwarder-two' });
    for (let start = 0; start < entries.length; start += 50) {
      await appendEntries(producer, entries.slice(start, start + 50));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitForAllAcknowledged(producer);
    await waitFor(async () => countsByKey(await metricsPosts(emulator)).size === expected.size);
    expect(countsByKey(await metricsPosts(emulator))).toEqual(expected);
    const received = (f: ForwarderUnderTest) =>
      metricValue(f.registry, 'ff_proxy_primary_metrics_stream_consumer_messages_received', {});
    const [one, two] = await Promise.all([received(first), received(second)]);
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(0);
    expect(one + two).toBe(1000);
  });
});

describe('metrics-forwarder and SaaS authentication', () => {
  let emulator: SaasEmulator;
  let producer: OpenStore;
  let forwarder: ForwarderUnderTest | undefined;

  beforeEach(async () => {
    producer = await openTestStore('standalone');
    emulator = await startSaasEmulator({ state: seedState() });
  });
  afterEach(async () => {
    await forwarder?.stop();
    forwarder = undefined;
    await producer.close();
    await emulator.close();
  });

  it('given a 401 from the metrics service, authenticates again and posts at once', async () => {
    forwarder = await startForwarder(forwarderEnv('standalone', emulator));
    await waitFor(async () => (await emulator.admin.requests({ path: '/api/1.0/proxy/auth' })).length === 1);
    await emulator.admin.setFault({ target: 'metrics', mode: 'status', status: 401, count: 1 });
    await appendEntries(producer, [{ environment_id: ENV_A, metricsData: [metricsItem('f', 'true', 4, NODE_SDK)] }]);
    await waitForAllAcknowledged(producer);
    const posts = await metricsPosts(emulator);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.time - posts[0]!.time).toBeLessThan(1000); // no backoff before the retry
    expect(await emulator.admin.requests({ path: '/api/1.0/proxy/auth' })).toHaveLength(2);
    expect(countsByKey(posts.slice(1)).get([ENV_A, 'f', 'true', 'javascript', '1.8.12'].join('|'))).toBe(4);
  });

  it('given a proxy key rotated away, logs the rejection and leaves the entries pending', async () => {
    forwarder = await startForwarder(forwarderEnv('standalone', emulator));
    await waitFor(async () => (await emulator.admin.requests({ path: '/api/1.0/proxy/auth' })).length === 1);
    await emulator.admin.rotateProxyKey(PROXY_KEY, 'the-new-key', 0);
    await appendEntries(producer, [{ environment_id: ENV_A, metricsData: [metricsItem('f', 'true', 1, NODE_SDK)] }]);
    await waitFor(() => forwarder!.logger.find('proxy key rejected').length > 0);
    expect(forwarder.logger.find('proxy key rejected')[0]).toMatchObject({ level: 'error', status: 401 });
    expect(await groupState(producer)).toEqual({ pending: 1, lag: 0 });
  });

  it('with METRIC_POST_DURATION=0, creates no group, calls no SaaS and reads nothing', async () => {
    forwarder = await startForwarder({ ...forwarderEnv('standalone', emulator), METRIC_POST_DURATION: '0' });
    await appendEntries(producer, [{ environment_id: ENV_A, metricsData: [metricsItem('f', 'true', 1, NODE_SDK)] }]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(forwarder.logger.find('metrics forwarding disabled')).toEqual([
      expect.objectContaining({ reason: 'METRIC_POST_DURATION=0' }),
    ]);
    expect(await producer.events.groupInfo(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP)).toBeUndefined();
    expect(await emulator.admin.requests()).toEqual([]);
    expect(forwarder.role.notReadyReasons()).toEqual([]);
  });
});
