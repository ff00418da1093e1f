import type { Express } from 'express';
import { createApp, listen, type HttpServerHandle } from '@relay/http';
import { systemClock, type Clock } from '@relay/lifecycle';
import { createCapturingLogger, type CapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry, type Registry } from '@relay/metrics';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import { createReplicaState, type ReplicaState, type TokenVerifier } from '@relay/replica';
import { createMemoryStore, type ConfigCache, type EventStream } from '@relay/store';
import { createSdkGateway, type SdkGateway } from '../create-sdk-gateway';
import type { SdkGatewayConfig } from '../read-sdk-gateway-config';
import type { SdkTokenIssuer } from '../sdk-token-issuer';
import { createFakeSdkTokens } from './fake-sdk-tokens';
import { markSynced } from './seed-environment';

/** A gateway configuration with the documented defaults (spec/configuration.md §2), for tests. */
export function testGatewayConfig(overrides: Partial<SdkGatewayConfig> = {}): SdkGatewayConfig {
  return {
    authSecrets: ['a-test-secret-that-is-32-bytes-long'],
    bypassAuth: false,
    andRules: false,
    forwardTargets: false,
    metricsStreamMaxLen: 1000,
    revalidateIntervalMs: 30_000,
    maxRequestBodyBytes: 4_194_304,
    authTokenTtlSeconds: 0,
    targetTtlSeconds: 2_592_000,
    readReplica: false,
    offline: false,
    ...overrides,
  };
}

/** Options of {@link startGatewayTestbed}. */
export interface GatewayTestbedOptions {
  config?: Partial<SdkGatewayConfig>;
  /** Issuer and verifier; default {@link createFakeSdkTokens}. */
  tokens?: SdkTokenIssuer & TokenVerifier;
  /** Default: a fresh in-memory store. */
  store?: { cache: ConfigCache; events: EventStream };
  /** Clock of the replica state and the gateway; default the system clock. */
  clock?: Clock;
  /** Write `ffproxy_config_status` as synced before starting. Default true. */
  synced?: boolean;
  /** Whether the store is Redis (PINGed). Default false. */
  pingStore?: boolean;
}

/** A started replica state and gateway behind the real `createApp`. */
export interface GatewayTestbed {
  app: Express;
  gateway: SdkGateway;
  replica: ReplicaState;
  cache: ConfigCache;
  events: EventStream;
  tokens: SdkTokenIssuer & TokenVerifier;
  logger: CapturingLogger;
  registry: Registry;
  config: SdkGatewayConfig;
  /** A token for `sdkKey` in `envId`, as `/client/auth` would issue it (without claims from meta). */
  tokenFor(envId: string, sdkKey: string): Promise<string>;
  /** Serves the app (and the gateway's fast path) on 127.0.0.1 with an ephemeral port. */
  listen(): Promise<HttpServerHandle>;
  close(): Promise<void>;
}

/** Starts a {@link GatewayTestbed}: the role tests' way to drive the gateway over HTTP. */
export async function startGatewayTestbed(options: GatewayTestbedOptions = {}): Promise<GatewayTestbed> {
  const config = testGatewayConfig(options.config);
  const { cache, events } = options.store ?? createMemoryStore();
  const tokens = options.tokens ?? createFakeSdkTokens();
  const clock = options.clock ?? systemClock;
  const logger = createCapturingLogger();
  const registry = createMetricsRegistry({ service: 'sdk-gateway', version: 'test' });
  if (options.synced ?? true) await markSynced(cache);
  const replica = createReplicaState({
    cache, events, verifier: tokens, clock, logger, registry,
    revalidateIntervalMs: config.revalidateIntervalMs,
    readReplica: config.readReplica,
    pingStore: options.pingStore ?? false,
    timings: { blockMs: 200, unsyncedPollMs: 20, pingIntervalMs: 200 },
  });
  const gateway = createSdkGateway({ config, replica, cache, events, tokens, logger, registry, clock });
  await replica.start();
  await gateway.start();
  const app = createApp({ logger, registry, routers: [gateway.router], readiness: () => gateway.notReadyReasons(), bodyLimitBytes: config.maxRequestBodyBytes });
  const servers: HttpServerHandle[] = [];
  return {
    app, gateway, replica, cache, events, tokens, logger, registry, config,
    tokenFor: (envId, sdkKey) => tokens.issue({ apiKey: redisKeys.authKey(sha256hex(sdkKey)), environment: envId }),
    async listen() {
      const server = await listen(app, { port: 0, host: '127.0.0.1', logger, fastPath: gateway.fastPath });
      servers.push(server);
      return server;
    },
    async close() {
      for (const server of servers) await server.close();
      await gateway.close();
      await replica.close();
    },
  };
}
