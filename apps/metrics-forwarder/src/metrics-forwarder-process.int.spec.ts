import { metricValue } from '@relay/metrics-forwarder/testing';
import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import type { TestRedisTopology } from '@relay/redis-test-server';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import type { OpenStore } from '@relay/store-redis';
import {
  appendEntries,
  ENV_A,
  ENV_B,
  forwarderEnv,
  GO_SDK,
  groupState,
  metricsItem,
  NODE_SDK,
  openTestStore,
  PROXY_KEY,
  seedState,
  startForwarder,
  waitFor,
  waitForAllAcknowledged,
  type ForwarderUnderTest,
} from './testing/forwarder-harness';
import { spawnForwarder, type ForwarderProcess } from './testing/forwarder-process';
import { countsByKey, metricsPosts } from './testing/posted-metrics';

/** 300 entries over two environments and two SDKs, and the sums SaaS must receive. */
function entriesWithSums(): { entries: unknown[]; expected: Map<string, number> } {
  const expected = new Map<string, number>();
  const entries = Array.from({ length: 300 }, (_, i) => {
    const env = i % 2 === 0 ? ENV_A : ENV_B;
    const sdk = i % 3 === 0 ? GO_SDK : NODE_SDK;
    const key = [env, `flag-${i % 4}`, 'true', sdk.language, sdk.version].join('|');
    expected.set(key, (expected.get(key) ?? 0) + 2);
    return { environment_id: env, metricsData: [metricsItem(`flag-${i % 4}`, 'true', 2, sdk)] };
  });
  return { entries, expected };
}

/** Pending entries of the consumer run by process `pid` (consumer names are `<host>:<pid>:<hex>`). */
async function pendingOf(store: OpenStore, pid: number): Promise<number> {
  const consumers = await store.events.consumers(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP).catch(() => []);
  return consumers
    .filter((consumer) => consumer.name.includes(`:${pid}:`))
    .reduce((sum, consumer) => sum + consumer.pending, 0);
}

describe.each<TestRedisTopology>(['standalone', 'cluster'])('the built metrics-forwarder on %s Redis', (topology) => {
  let emulator: SaasEmulator;
  let producer: OpenStore;
  let app: ForwarderProcess | undefined;
  let taker: ForwarderUnderTest | undefined;
  const spawnApp = (env: Record<string, string> = {}) => {
    app = spawnForwarder({
      ...forwarderEnv(topology, emulator),
      PROXY_KEY,
      PORT: '0',
      HEARTBEAT_INTERVAL: '0',
      ...env,
    });
    return app;
  };

  beforeEach(async () => {
    producer = await openTestStore(topology);
    emulator = await startSaasEmulator({ state: seedState() });
  });
  afterEach(async () => {
    app?.child.kill('SIGKILL');
    await app?.exited;
    app = undefined;
    await taker?.stop();
    taker = undefined;
    await producer.close();
    await emulator.close();
  });

  it('starts with a valid environment and answers /healthz, /readyz and /metrics', async () => {
    const { waitForLine } = spawnApp({ METRIC_POST_DURATION: '60' });
    const { port } = (await waitForLine('http server listening')) as { port: number };
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
    const healthz = await get('/healthz');
    expect([healthz.status, await healthz.json()]).toEqual([200, { status: 'ok' }]);
    await waitFor(async () => (await get('/readyz')).status === 200);
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ready' });
    expect(await (await get('/metrics')).text()).toContain(
      'ff_proxy_build_info{service="metrics-forwarder",version="2.0.0"} 1',
    );
    expect(await groupState(producer)).toEqual({ pending: 0, lag: 0 });
  });

  it('a forwarder killed with SIGKILL mid-batch is taken over and every metric arrives once', async () => {
    const { entries, expected } = entriesWithSums();
    const { child, waitForLine } = spawnApp({ METRIC_POST_DURATION: '3600' });
    await waitForLine('http server listening');
    await appendEntries(producer, entries);
    await waitFor(async () => (await pendingOf(producer, child.pid!)) === entries.length);
    child.kill('SIGKILL');
    expect(await app!.exited).toBe('SIGKILL');
    expect(await metricsPosts(emulator)).toEqual([]);

    taker = await startForwarder(forwarderEnv(topology, emulator));
    await waitForAllAcknowledged(producer);
    await waitFor(async () => countsByKey(await metricsPosts(emulator)).size === expected.size);
    expect(countsByKey(await metricsPosts(emulator))).toEqual(expected);
    expect(await metricValue(taker.registry, 'ff_proxy_primary_metrics_stream_consumer_messages_received', {})).toBe(
      entries.length,
    );
    expect(taker.logger.find('metrics entries claimed').length).toBeGreaterThan(0);
  }, 40_000);

  it('on SIGTERM flushes the batch at once, acknowledges it and exits 0', async () => {
    const { entries, expected } = entriesWithSums();
    const { child, waitForLine } = spawnApp({ METRIC_POST_DURATION: '3600' });
    await waitForLine('http server listening');
    await appendEntries(producer, entries);
    await waitFor(async () => (await pendingOf(producer, child.pid!)) === entries.length);
    expect(await metricsPosts(emulator)).toEqual([]);
    child.kill('SIGTERM');
    expect(await app!.exited).toBe(0);
    expect(countsByKey(await metricsPosts(emulator))).toEqual(expected);
    expect(await groupState(producer)).toEqual({ pending: 0, lag: 0 });
    expect(app!.lines.map((line) => line['msg'])).toContain('shutdown complete');
  });
});
