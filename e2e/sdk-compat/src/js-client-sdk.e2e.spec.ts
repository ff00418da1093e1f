/**
 * @jest-environment node
 */
// The published JS client SDK through both topologies (spec/real-sdk-testing.md §4). Import order matters:
// the in-process all-in-one loads axios first, while there is no XMLHttpRequest global (axios decides on its
// XHR adapter when it loads), then the browser shims are installed, then the SDK module loads.
import { startAllInOne } from './testing/start-all-in-one';
import './testing/browser-shims';
import { Event } from '@harnessio/ff-javascript-client-sdk';
import { ACCOUNT, CLIENT_KEY, DEMO_ENV, DEMO_EXPECTATIONS, type DemoTarget } from './testing/demo-project';
import { createJsClientSdk, type JsClientSdk } from './testing/js-client-sdk';
import { createLatencyLog, type LatencyLog } from './testing/latency-log';
import {
  addEnvironment, authenticate, dropSaasStream, flipBoolFlag1, metricItems, metricsPosts, NEW_ENV, NEW_ENV_CLIENT_KEY, PROXY_KEY_HASH,
  restoreSaasStream, setBetaUsers, settleMetrics, waitForAuthStatus,
  restartSaasSyncAndWaitForLeader,
} from './testing/scenario-steps';
import { startSplit } from './testing/start-split';
import type { Topology } from './testing/topology';
import { waitFor } from './testing/wait-for';

const USER1 = DEMO_EXPECTATIONS[0]!.target;
const STREAM_TROUBLE = [Event.DISCONNECTED, Event.ERROR_STREAM, Event.CONNECTED];
const isFlag = (flag: string) => (payload: unknown) => (payload as { flag?: string }).flag === flag;

describe.each([
  ['all-in-one', startAllInOne],
  ['split', startSplit],
] as const)('@harnessio/ff-javascript-client-sdk 1.32.0 through the %s proxy', (name, start) => {
  let topology: Topology;
  const clients: JsClientSdk[] = [];
  const streamed = createLatencyLog(`JS client SDK, ${name}, SaaS stream up`);
  const polled = createLatencyLog(`JS client SDK, ${name}, SaaS stream down (found by the 1 s poll)`);

  /** A ready client; with `streams`, also waits until the proxy holds that many streams of `env` and the SDK saw its first byte. */
  async function connect(target: DemoTarget = USER1, { key = CLIENT_KEY, env = DEMO_ENV, streams = 1 as number | undefined } = {}) {
    const sdk = createJsClientSdk(topology.baseUrl, key, target);
    clients.push(sdk);
    const flags = await sdk.ready;
    if (streams !== undefined) {
      await waitFor(async () => (await topology.streamCount(env)) === streams, 5000, 'stream registered');
      await sdk.events.next(Event.CONNECTED, () => true);
    }
    return { sdk, flags };
  }

  /** Flips bool-flag1 and waits for `changed` with the new value; records the latency in `log`. */
  async function flipAndObserve(sdk: JsClientSdk, state: 'on' | 'off', { timeoutMs = 5000, log = streamed as LatencyLog | null } = {}) {
    const from = sdk.events.all.length;
    const startedAt = await flipBoolFlag1(topology, state);
    const changed = await sdk.events.next(Event.CHANGED, isFlag('bool-flag1'), { from, timeoutMs });
    log?.record(changed.at - startedAt);
    expect(changed.payload).toMatchObject({ flag: 'bool-flag1', value: state === 'on' });
    expect(sdk.cf.variation('bool-flag1', state !== 'on')).toBe(state === 'on');
  }

  beforeAll(async () => {
    topology = await start();
  }, 60_000);
  afterEach(async () => {
    clients.splice(0).forEach((sdk) => sdk.close());
    await waitFor(async () => (await topology.streamCount(DEMO_ENV)) === 0, 5000, 'streams closed');
  });
  afterAll(async () => {
    const lines = [streamed.summary(), polled.summary()].filter(Boolean);
    process.stdout.write(lines.map((line) => `${line}\n`).join(''));
    await topology?.close();
  }, 30_000);

  it('authenticates, becomes ready and evaluates every demo flag for each target, json as an object', async () => {
    for (const [index, { target, values }] of DEMO_EXPECTATIONS.entries()) {
      const { sdk, flags } = await connect(target, { streams: index + 1 });
      expect(flags).toEqual(values);
      for (const [flag, expected] of Object.entries(values)) expect(sdk.cf.variation(flag, null)).toEqual(expected);
    }
  });

  it('gets the token claims the SDK copies into ?cluster= and its Harness-* headers', async () => {
    const { status, token } = await authenticate(topology, CLIENT_KEY, USER1);
    expect(status).toBe(200);
    const claims = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ clusterIdentifier: '1', accountID: ACCOUNT, environmentIdentifier: 'dev', environment: DEMO_ENV });
  });

  it('receives a flag change in the emulator as `changed` with the new value', async () => {
    const { sdk } = await connect();
    const from = sdk.events.all.length;
    await flipAndObserve(sdk, 'on');
    await flipAndObserve(sdk, 'off');
    expect(sdk.events.named(STREAM_TROUBLE, from)).toEqual([]);
  });

  it('re-evaluates when a segment changes in the emulator', async () => {
    const { sdk, flags } = await connect();
    expect(flags['beta-banner']).toBe(false);
    const from = sdk.events.all.length;
    await setBetaUsers(topology, ['user1']);
    expect((await sdk.events.next(Event.CHANGED, isFlag('beta-banner'), { from })).payload).toMatchObject({ value: true });
    expect(sdk.cf.variation('beta-banner', false)).toBe(true);
    await setBetaUsers(topology, []);
    expect((await sdk.events.next(Event.CHANGED, (p) => isFlag('beta-banner')(p) && (p as { value: unknown }).value === false, { from })).payload).toBeDefined();
  });

  it('posts SDK metrics that reach the SaaS metrics endpoint with the right counts', async () => {
    await settleMetrics(topology);
    const { sdk } = await connect({ identifier: 'js-metrics-user', name: 'JS Metrics User' });
    expect(sdk.cf.variation('bool-flag1', true)).toBe(false); // reads are what the SDK counts
    expect(sdk.cf.variation('greeting', '')).toBe('Hello, world');
    await waitFor(async () => metricItems(await metricsPosts(topology)).length >= 2, 8000, 'both metrics forwarded');
    const posts = await metricsPosts(topology);
    for (const post of posts) {
      expect(post).toMatchObject({ path: `/api/1.0/metrics/${DEMO_ENV}`, query: { cluster: '1' } });
      expect(post.claims).toMatchObject({ key_type: 'Proxy', key: PROXY_KEY_HASH });
      expect(post.body).not.toHaveProperty('targetData');
    }
    const items = metricItems(posts);
    expect(Object.fromEntries(items.map((item) => [`${item.attributes['featureIdentifier']}/${item.attributes['variationIdentifier']}`, item.count]))).toEqual({
      'bool-flag1/false': 1,
      'greeting/hello': 1,
    });
    expect(items[0]!.attributes).toMatchObject({ target: 'js-metrics-user', SDK_TYPE: 'client', SDK_LANGUAGE: 'JavaScript', SDK_VERSION: '1.32.0' });
  });

  it('is refused on the next auth once its SDK key is removed in the emulator, and its stream is closed', async () => {
    const key = `e2e-removed-client-key-${name}`;
    await topology.emulator.admin.addSdkKey(DEMO_ENV, key);
    await waitForAuthStatus(topology, key, 200);
    const { sdk } = await connect(USER1, { key });
    const from = sdk.events.all.length;
    await topology.emulator.admin.removeSdkKey(DEMO_ENV, key);
    await waitFor(async () => (await topology.streamCount(DEMO_ENV)) === 0, 5000, 'stream of the removed key closed');
    await sdk.events.next(Event.ERROR_STREAM, () => true, { from });
    const refused = createJsClientSdk(topology.baseUrl, key, USER1);
    clients.push(refused);
    await expect(refused.ready).rejects.toBeDefined();
  });

  it('uses an environment added in the emulator without a restart', async () => {
    await addEnvironment(topology);
    await waitForAuthStatus(topology, NEW_ENV_CLIENT_KEY, 200, 10_000);
    const { flags } = await connect(USER1, { key: NEW_ENV_CLIENT_KEY, env: NEW_ENV.id });
    expect(flags).toEqual({ 'e2e-greeting': 'hey from e2e' });
  });

  it('keeps being served while the SaaS stream is down, and gets a change made meanwhile after the next poll', async () => {
    const { sdk } = await connect();
    const from = sdk.events.all.length;
    await dropSaasStream(topology);
    try {
      expect(await topology.streamCount(DEMO_ENV)).toBe(1);
      await flipAndObserve(sdk, 'on', { timeoutMs: 8000, log: polled });
    } finally {
      await restoreSaasStream(topology);
    }
    await flipAndObserve(sdk, 'off');
    expect(sdk.events.named(STREAM_TROUBLE, from)).toEqual([]);
  });

  if (name === 'split') {
    it('does not notice a saas-sync restart', async () => {
      const { sdk } = await connect();
      const from = sdk.events.all.length;
      await restartSaasSyncAndWaitForLeader(topology); // its full sync must not produce any frame
      expect(sdk.events.named([Event.CHANGED, ...STREAM_TROUBLE], from)).toEqual([]);
      await flipAndObserve(sdk, 'on');
      await flipAndObserve(sdk, 'off');
    }, 30_000);

    it('recovers from a Redis restart', async () => {
      const { sdk } = await connect();
      await topology.restartRedis!();
      await waitFor(() => topology.allReady!(), 15_000, 'every service ready again');
      await waitForAuthStatus(topology, CLIENT_KEY, 200, 10_000);
      await flipAndObserve(sdk, 'on', { timeoutMs: 10_000, log: null });
      await settleMetrics(topology);
      const { sdk: fresh, flags } = await connect({ identifier: 'after-restart', name: 'After Restart' }, { streams: 2 });
      expect(flags['bool-flag1']).toBe(true);
      expect(fresh.cf.variation('bool-flag1', false)).toBe(true);
      await waitFor(async () => metricItems(await metricsPosts(topology)).length > 0, 8000, 'metrics forwarded after the restart');
      await flipAndObserve(sdk, 'off');
    }, 45_000);
  }
});
