import { createEnvReader, readRedisOptions, type Env } from '@relay/config';
import { systemClock } from '@relay/lifecycle';
import { createCapturingLogger, type CapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry, type Registry } from '@relay/metrics';
import {
  createMetricsForwarder,
  readMetricsForwarderConfig,
  type MetricsForwarder,
  type MetricsForwarderTimings,
} from '@relay/metrics-forwarder';
import { flushAll, testRedisAddress, testRedisOptions, type TestRedisTopology } from '@relay/redis-test-server';
import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import { createMetricsPoster, createProxySession, createSaasClient, createSaasHttp } from '@relay/saas-client';
import type { EmulatorState, SaasEmulator } from '@relay/saas-emulator';
import { openStore, type OpenStore } from '@relay/store-redis';

export const ENV_A = '71716f30-aea0-4271-89b5-cb1c82be4567';
export const ENV_B = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
export const PROXY_KEY = 'metrics-proxy-key';

/** Two environments and one proxy key covering both. */
export function seedState(): EmulatorState {
  return {
    environments: [
      { id: ENV_A, identifier: 'dev', project: 'demo' },
      { id: ENV_B, identifier: 'prod', project: 'demo' },
    ],
    proxyKeys: [{ key: PROXY_KEY, environments: [ENV_A, ENV_B] }],
  };
}

/** Periods shrunk for tests (spec/redis-contract.md §1.11): Redis-side idle time is real time. */
export const FAST_TIMINGS: Partial<MetricsForwarderTimings> = {
  reclaimIntervalMs: 300,
  autoClaimIntervalMs: 500,
  autoClaimMinIdleMs: 1500,
  sampleIntervalMs: 500,
  blockMs: 1000,
  pingIntervalMs: 1000,
};

/** An SDK as its metrics attributes name it. */
export interface TestSdk {
  type: string;
  language: string;
  version: string;
}

export const NODE_SDK: TestSdk = { type: 'server', language: 'javascript', version: '1.8.12' };
export const GO_SDK: TestSdk = { type: 'server', language: 'go', version: '0.1.23' };
export const JS_CLIENT_SDK: TestSdk = { type: 'client', language: 'javascript', version: '1.32.0' };

/** One metricsData item as an SDK sends it. */
export function metricsItem(feature: string, variation: string, count: number, sdk: TestSdk, target = 'user1') {
  return {
    timestamp: 1_700_000_000_000,
    count,
    metricsType: 'FFMETRICS',
    attributes: [
      { key: 'featureIdentifier', value: feature },
      { key: 'featureName', value: feature },
      { key: 'variationIdentifier', value: variation },
      { key: 'target', value: target },
      { key: 'SDK_TYPE', value: sdk.type },
      { key: 'SDK_LANGUAGE', value: sdk.language },
      { key: 'SDK_VERSION', value: sdk.version },
    ],
  };
}

/** A running in-process forwarder and what tests look at. */
export interface ForwarderUnderTest {
  role: MetricsForwarder;
  store: OpenStore;
  registry: Registry;
  logger: CapturingLogger;
  stop(): Promise<void>;
}

/** Options of {@link startForwarder}. */
export interface StartForwarderOptions {
  instanceId?: string;
  timings?: Partial<MetricsForwarderTimings>;
}

/** Starts metrics-forwarder as main.ts wires it, with the app's variables `env` and fast timings. */
export async function startForwarder(env: Env, options: StartForwarderOptions = {}): Promise<ForwarderUnderTest> {
  const reader = createEnvReader({ PROXY_KEY, METRIC_POST_DURATION: '1', ...env });
  const config = readMetricsForwarderConfig(reader);
  const redis = readRedisOptions(reader, { required: true });
  reader.finish();
  const logger = createCapturingLogger();
  const registry = createMetricsRegistry({ service: 'metrics-forwarder', version: 'test' });
  const store = await openStore(redis, { logger, registry });
  const http = createSaasHttp({ version: 'test', registry, clock: systemClock, retries: 0 });
  const client = createSaasClient({ http, ...config, version: 'test' });
  const poster = createMetricsPoster({ client, session: createProxySession(client, config.proxyKey) });
  const role = createMetricsForwarder({
    config,
    events: store.events,
    cache: store.cache,
    pingStore: store.remote,
    poster,
    logger,
    registry,
    instanceId: options.instanceId ?? `test:${process.pid}:${Math.random().toString(16).slice(2, 10)}`,
    shutdownTimeoutMs: 2500,
    timings: { ...FAST_TIMINGS, ...options.timings },
  });
  await role.start();
  return {
    role,
    store,
    registry,
    logger,
    async stop() {
      role.prepareClose?.();
      await role.close();
      await store.close();
    },
  };
}

/** The variables pointing a forwarder at `topology` Redis and the emulator. */
export function forwarderEnv(topology: TestRedisTopology, emulator: SaasEmulator): Record<string, string> {
  return {
    REDIS_ADDRESS: testRedisAddress(topology),
    CLIENT_SERVICE: emulator.clientServiceUrl,
    METRIC_SERVICE: emulator.metricServiceUrl,
  };
}

/** A store on `topology` Redis for the test itself (the producer side), after `FLUSHALL`. */
export async function openTestStore(topology: TestRedisTopology): Promise<OpenStore> {
  await flushAll(testRedisAddress(topology));
  const logger = createCapturingLogger();
  return openStore(testRedisOptions(testRedisAddress(topology)), {
    logger,
    registry: createMetricsRegistry({ service: 't', version: 't' }),
  });
}

/** Appends entries to `stream:sdk_metrics` as sdk-gateway does, 100 at a time; returns their ids. */
export async function appendEntries(
  store: OpenStore,
  entries: readonly unknown[],
  maxLen = 100_000,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < entries.length; start += 100) {
    const chunk = entries
      .slice(start, start + 100)
      .map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry)));
    ids.push(...(await Promise.all(chunk.map((event) => store.events.append(streamNames.sdkMetrics, event, maxLen)))));
  }
  return ids;
}

/** `pending` and `lag` of group `metrics-forwarder` (`undefined` when it does not exist). */
export async function groupState(store: OpenStore): Promise<{ pending: number; lag: number | undefined } | undefined> {
  const info = await store.events.groupInfo(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP);
  return info && { pending: info.pending, lag: info.lag };
}

/** Resolves once every entry was read and acknowledged. */
export async function waitForAllAcknowledged(store: OpenStore, ms = 30_000): Promise<void> {
  await waitFor(async () => {
    const state = await groupState(store);
    return state !== undefined && state.pending === 0 && state.lag === 0;
  }, ms);
}

/** Polls `predicate` every 50 ms until it holds, failing after `ms`. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
