/**
 * @jest-environment node
 */
// The published Node server SDK through both topologies (spec/real-sdk-testing.md §3). No XMLHttpRequest
// global in this file: axios would pick its XHR adapter.
import { Event } from '@harnessio/ff-nodejs-server-sdk';
import { DEMO_ENV, DEMO_EXPECTATIONS, SERVER_KEY, type DemoTarget } from './testing/demo-project';
import { createLatencyLog, type LatencyLog } from './testing/latency-log';
import { createNodeSdk, type NodeSdk } from './testing/node-sdk';
import {
  addEnvironment, dropSaasStream, flipBoolFlag1, metricItems, metricsPosts, NEW_ENV, NEW_ENV_SERVER_KEY, PROXY_KEY_HASH,
  restoreSaasStream, setBetaUsers, settleMetrics, waitForAuthStatus,
  restartSaasSyncAndWaitForLeader,
} from './testing/scenario-steps';
import { startAllInOne } from './testing/start-all-in-one';
import { startSplit } from './testing/start-split';
import type { Topology } from './testing/topology';
import { pause, waitFor } from './testing/wait-for';

const USER1 = DEMO_EXPECTATIONS[0]!.target;
const STREAM_TROUBLE = ['stream_retrying', 'stream_connected'];

/** Evaluates `flag` with the typed call its expected value asks for. */
function evaluate(sdk: NodeSdk, flag: string, target: DemoTarget, expected: unknown): Promise<unknown> {
  if (typeof expected === 'boolean') return sdk.client.boolVariation(flag, target, !expected);
  if (typeof expected === 'number') return sdk.client.numberVariation(flag, target, -1);
  if (typeof expected === 'string') return sdk.client.stringVariation(flag, target, 'default');
  return sdk.client.jsonVariation(flag, target, {});
}

describe.each([
  ['all-in-one', startAllInOne],
  ['split', startSplit],
] as const)('@harnessio/ff-nodejs-server-sdk 1.8.12 through the %s proxy', (name, start) => {
  let topology: Topology;
  const clients: NodeSdk[] = [];
  const streamed = createLatencyLog(`Node server SDK, ${name}, SaaS stream up`);
  const polled = createLatencyLog(`Node server SDK, ${name}, SaaS stream down (found by the 1 s poll)`);
  const guarded = createLatencyLog(`Node server SDK, ${name}, published < 250 ms after a comment (held by the guard)`);

  /** A ready client whose stream the proxy holds (`streams` = the streams expected for its environment then). */
  async function connect(key = SERVER_KEY, { env = DEMO_ENV, streams = 1 } = {}): Promise<NodeSdk> {
    const sdk = createNodeSdk(topology.baseUrl, key);
    clients.push(sdk);
    await sdk.client.waitForInitialization();
    await waitFor(async () => (await topology.streamCount(env)) === streams, 5000, 'stream registered');
    await sdk.events.next('stream_connected', () => true);
    sdk.clearIdlePollTimer();
    return sdk;
  }

  /** Flips bool-flag1 and waits for `changed`; records the latency when `log` is given. */
  async function flipAndObserve(sdk: NodeSdk, state: 'on' | 'off', { timeoutMs = 5000, log = streamed as LatencyLog | null } = {}): Promise<void> {
    const from = sdk.events.all.length;
    const startedAt = await flipBoolFlag1(topology, state);
    const changed = await sdk.events.next(Event.CHANGED, (flag) => flag === 'bool-flag1', { from, timeoutMs });
    log?.record(changed.at - startedAt);
    expect(await sdk.client.boolVariation('bool-flag1', USER1, state !== 'on')).toBe(state === 'on');
  }

  beforeAll(async () => {
    topology = await start();
  }, 60_000);
  afterEach(async () => {
    clients.splice(0).forEach((sdk) => sdk.close());
    await waitFor(async () => (await topology.streamCount(DEMO_ENV)) === 0, 5000, 'streams closed');
  });
  afterAll(async () => {
    const lines = [streamed.summary(), guarded.summary(), polled.summary()].filter(Boolean);
    process.stdout.write(lines.map((line) => `${line}\n`).join(''));
    await topology?.close();
  }, 30_000);

  it('authenticates, becomes ready and evaluates every demo flag for each target', async () => {
    const sdk = await connect();
    for (const { target, values } of DEMO_EXPECTATIONS) {
      for (const [flag, expected] of Object.entries(values)) {
        expect({ target: target.identifier, flag, value: await evaluate(sdk, flag, target, expected) }).toEqual({ target: target.identifier, flag, value: expected });
      }
    }
  });

  it('receives a flag change in the emulator as `changed` and serves the new value', async () => {
    const sdk = await connect();
    const from = sdk.events.all.length;
    await flipAndObserve(sdk, 'on');
    await flipAndObserve(sdk, 'off');
    expect(sdk.events.named(STREAM_TROUBLE, from)).toEqual([]);
  });

  it('gets changes published right after the initial comment and right after heartbeats (the 250 ms guard)', async () => {
    const sdk = await connect();
    await flipAndObserve(sdk, 'on', { log: guarded }); // the initial comment `:\n\n` was written a few ms ago
    // SSE_KEEPALIVE_INTERVAL=1: a heartbeat follows 1 s of silence, so these land 20–140 ms after one.
    for (const [index, afterHeartbeatMs] of [20, 80, 140].entries()) {
      const lastChange = sdk.events.named([Event.CHANGED]).at(-1)!.at;
      await pause(Math.max(0, lastChange + 1000 + afterHeartbeatMs - Date.now()));
      await flipAndObserve(sdk, index % 2 === 0 ? 'off' : 'on', { log: guarded });
    }
  });

  it('evaluates with a segment changed in the emulator', async () => {
    const sdk = await connect();
    expect(await sdk.client.boolVariation('beta-banner', USER1, true)).toBe(false);
    await setBetaUsers(topology, ['user1']);
    // This SDK's `changed` after a segment change names no reliable flag (README): evaluate until it applies.
    await waitFor(async () => (await sdk.client.boolVariation('beta-banner', USER1, false)) === true, 5000, 'user1 in beta-users');
    await setBetaUsers(topology, []);
    await waitFor(async () => (await sdk.client.boolVariation('beta-banner', USER1, true)) === false, 5000, 'user1 out of beta-users');
  });

  it('posts SDK metrics that reach the SaaS metrics endpoint with the right counts', async () => {
    await settleMetrics(topology);
    const sdk = await connect();
    const target = { identifier: 'metrics-user', name: 'Metrics User', attributes: { plan: 'pro' } };
    for (let i = 0; i < 3; i++) expect(await sdk.client.boolVariation('bool-flag1', target, true)).toBe(false);
    for (let i = 0; i < 2; i++) expect(await sdk.client.stringVariation('greeting', target, '')).toBe('Hello, world');
    sdk.close(); // the only quick way to make this SDK post its metrics
    await waitFor(async () => (await metricsPosts(topology)).length >= 2, 8000, 'metricsData and targetData posts');
    const posts = await metricsPosts(topology);
    for (const post of posts) {
      expect(post).toMatchObject({ path: `/api/1.0/metrics/${DEMO_ENV}`, query: { cluster: '1' } });
      expect(post.claims).toMatchObject({ key_type: 'Proxy', key: PROXY_KEY_HASH });
    }
    const counts = Object.fromEntries(metricItems(posts).map((item) => [`${item.attributes['featureIdentifier']}/${item.attributes['variationIdentifier']}`, item.count]));
    expect(counts).toEqual({ 'bool-flag1/false': 3, 'greeting/hello': 2 });
    expect(metricItems(posts)[0]!.attributes).toMatchObject({ SDK_TYPE: 'server', SDK_LANGUAGE: 'javascript', SDK_VERSION: '1.8.12', target: 'metrics-user' });
    const targets = posts.flatMap((post) => (post.body as { targetData?: unknown[] }).targetData ?? []);
    expect(targets).toEqual([{ identifier: 'metrics-user', name: 'Metrics User', attributes: [{ key: 'plan', value: 'pro' }] }]);
  });

  it('is refused on the next auth once its SDK key is removed in the emulator, and its stream is closed', async () => {
    const key = `e2e-removed-key-${name}`;
    await topology.emulator.admin.addSdkKey(DEMO_ENV, key);
    await waitForAuthStatus(topology, key, 200);
    const sdk = await connect(key);
    await topology.emulator.admin.removeSdkKey(DEMO_ENV, key);
    await waitFor(async () => (await topology.streamCount(DEMO_ENV)) === 0, 5000, 'stream of the removed key closed');
    await sdk.events.next('stream_retrying', () => true);
    const refused = createNodeSdk(topology.baseUrl, key);
    await expect(refused.client.waitForInitialization()).rejects.toMatchObject({ response: { status: 401 } });
  });

  it('uses an environment added in the emulator without a restart', async () => {
    await addEnvironment(topology);
    await waitForAuthStatus(topology, NEW_ENV_SERVER_KEY, 200, 10_000);
    const sdk = await connect(NEW_ENV_SERVER_KEY, { env: NEW_ENV.id });
    expect(await sdk.client.stringVariation('e2e-greeting', USER1, 'default')).toBe('hey from e2e');
  });

  it('keeps being served while the SaaS stream is down, and gets a change made meanwhile after the next poll', async () => {
    const sdk = await connect();
    const from = sdk.events.all.length;
    await dropSaasStream(topology);
    try {
      expect(await topology.streamCount(DEMO_ENV)).toBe(1);
      await flipAndObserve(sdk, 'on', { timeoutMs: 8000, log: polled }); // found by saas-sync's 1 s poll (SAAS_POLL_INTERVAL=1)
    } finally {
      await restoreSaasStream(topology);
    }
    await flipAndObserve(sdk, 'off');
    expect(sdk.events.named(STREAM_TROUBLE, from)).toEqual([]);
  });

  if (name === 'split') {
    it('does not notice a saas-sync restart', async () => {
      const sdk = await connect();
      const from = sdk.events.all.length;
      await restartSaasSyncAndWaitForLeader(topology); // its full sync must not produce any frame
      expect(sdk.events.named([Event.CHANGED, ...STREAM_TROUBLE], from)).toEqual([]);
      await flipAndObserve(sdk, 'on');
      await flipAndObserve(sdk, 'off');
      expect(await topology.streamCount(DEMO_ENV)).toBe(1);
    }, 30_000);

    it('recovers from a Redis restart', async () => {
      const sdk = await connect();
      await topology.restartRedis!();
      await waitFor(() => topology.allReady!(), 15_000, 'every service ready again');
      await waitForAuthStatus(topology, SERVER_KEY, 200, 10_000);
      await flipAndObserve(sdk, 'on', { timeoutMs: 10_000, log: null });
      const fresh = await connect(SERVER_KEY, { streams: 2 });
      expect(await fresh.client.boolVariation('bool-flag1', USER1, false)).toBe(true);
      await settleMetrics(topology);
      fresh.close();
      await waitFor(async () => metricItems(await metricsPosts(topology)).length > 0, 8000, 'metrics forwarded after the restart');
      await flipAndObserve(sdk, 'off');
    }, 45_000);
  }
});
