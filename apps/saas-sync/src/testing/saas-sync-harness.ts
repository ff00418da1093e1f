import { createEnvReader, readRedisOptions, type Env } from '@relay/config';
import { systemClock } from '@relay/lifecycle';
import { createCapturingLogger, type CapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { parseSseEvent, sha256hex, streamNames, type SseEvent } from '@relay/redis-contract';
import { createSaasAccess } from '@relay/saas-client';
import type { EmulatorState } from '@relay/saas-emulator';
import { createSaasSync, readSaasSyncConfig, type SaasSync } from '@relay/saas-sync';
import type { ConfigCache, EventStream } from '@relay/store';
import { openStore, type OpenStore } from '@relay/store-redis';

export const ENV_A = '71716f30-aea0-4271-89b5-cb1c82be4567';
export const ENV_B = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
export const PROXY_KEY = 'proxy-key-under-test';
export const SERVER_KEY = 'server-sdk-key';

/** A boolean flag as the admin API takes it. */
export function booleanFlag(feature: string, state: 'on' | 'off' = 'off') {
  return {
    feature,
    state,
    kind: 'boolean',
    variations: [{ identifier: 'true', value: 'true', name: 'True' }, { identifier: 'false', value: 'false', name: 'False' }],
    defaultServe: { variation: 'true' },
    offVariation: 'false',
    rules: [],
    prerequisites: [],
    variationToTargetMap: [],
  };
}

/** Two environments, one proxy key covering both, one SDK key, a few flags and a segment. */
export function seedState(): EmulatorState {
  return {
    environments: [
      { id: ENV_A, identifier: 'dev', project: 'demo' },
      { id: ENV_B, identifier: 'prod', project: 'demo' },
    ],
    proxyKeys: [{ key: PROXY_KEY, environments: [ENV_A, ENV_B] }],
    sdkKeys: { [ENV_A]: [SERVER_KEY] },
    flags: { [ENV_A]: [booleanFlag('f1'), booleanFlag('f2', 'on')], [ENV_B]: [booleanFlag('g1')] },
    segments: {
      [ENV_A]: [{ identifier: 'beta', included: [], excluded: [], rules: [], servingRules: [{ ruleId: 'r1', priority: 1, clauses: [{ attribute: 'email', op: 'ends_with', values: ['@example.com'], negate: false }] }] }],
    },
  };
}

/** A running saas-sync against a store and the emulator, with what tests look at. */
export interface SaasSyncUnderTest {
  role: SaasSync;
  cache: ConfigCache;
  events: EventStream;
  logger: CapturingLogger;
  store: OpenStore;
  /** Every `proxy:sse_events` entry so far, parsed. */
  entries(): Promise<SseEvent[]>;
  stop(): Promise<void>;
}

/** Fast timings for tests; real ones are seconds to minutes. */
export const FAST_ENV: Env = { SAAS_POLL_INTERVAL: '1', LEADER_LEASE_TTL: '3', SAAS_STREAM_READ_TIMEOUT: '5' };

/** Starts saas-sync with `env` (the app's variables) on an already opened or new store. */
export async function startSaasSync(env: Env, options: { store?: OpenStore } = {}): Promise<SaasSyncUnderTest> {
  const reader = createEnvReader({ ...FAST_ENV, PROXY_KEY, ...env });
  const config = readSaasSyncConfig(reader);
  const redis = readRedisOptions(reader, { required: false });
  reader.finish();
  const logger = createCapturingLogger();
  const registry = createMetricsRegistry({ service: 'saas-sync', version: 'test' });
  const store = options.store ?? (await openStore(redis, { logger, registry }));
  const saas = config.offline ? undefined : createSaasAccess({ ...config, version: 'test', registry, clock: systemClock }).api;
  const role = createSaasSync({
    config, cache: store.cache, events: store.events, saas, proxyKeyHash: sha256hex(config.proxyKey || 'offline'),
    instanceId: `test:${Math.random().toString(16).slice(2, 10)}`, logger, registry, pingStore: store.remote,
    timings: { healthHeartbeatMs: 200, connectWaitMs: 2000, eventRetryDelaysMs: [50, 100, 200] },
  });
  await role.start();
  return {
    role, cache: store.cache, events: store.events, logger, store,
    async entries() {
      const raw = await store.events.rangeAfter(streamNames.sseEvents, '0-0', 10_000);
      return raw.map((entry) => parseSseEvent(entry.event)).filter((event): event is SseEvent => event !== undefined);
    },
    async stop() {
      await role.close();
      if (!options.store) await store.close();
    },
  };
}

/** Polls `predicate` every 25 ms until it holds, failing after `ms`. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
