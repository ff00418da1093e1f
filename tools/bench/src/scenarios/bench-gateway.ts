import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizeFeatureConfig, normalizeSegment, type FeatureConfig, type Segment } from '@relay/flag-model';
import { createApp, listen, type HttpServerHandle } from '@relay/http';
import { systemClock } from '@relay/lifecycle';
import { createLogger } from '@relay/logging';
import { createMetricsRegistry } from '@relay/metrics';
import { createReplicaState, type ReplicaState } from '@relay/replica';
import { createSdkTokens } from '@relay/sdk-auth';
import { createSdkGateway, type SdkGateway } from '@relay/sdk-gateway';
import { markSynced, seedEnvironment, testGatewayConfig } from '@relay/sdk-gateway/testing';
import { createMemoryStore } from '@relay/store';
import type { RealisticFlagSet } from './realistic-flag-set';

/** The environment and SDK key the benchmark serves. */
export const BENCH_ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
export const BENCH_SDK_KEY = 'bench-server-sdk-key';

/** sdk-gateway running in this process on the in-memory store, as the all-in-one runs it. */
export interface BenchGateway {
  baseUrl: string;
  gateway: SdkGateway;
  close(): Promise<void>;
}

/** Starts replica state + gateway + `createApp` on 127.0.0.1, filled with `set` through the cache port. */
export async function startBenchGateway(set: RealisticFlagSet): Promise<BenchGateway> {
  const { cache, events } = createMemoryStore();
  const flags = set.flags.map((flag) => normalizeFeatureConfig(flag) as FeatureConfig);
  const segments = set.segments.map((segment) => normalizeSegment(segment) as Segment);
  await seedEnvironment(cache, BENCH_ENV, { flags, segments, sdkKeys: [BENCH_SDK_KEY] });
  await markSynced(cache);
  const config = testGatewayConfig();
  const logger = createLogger({ service: 'sdk-gateway', level: 'error', instance: 'bench', version: 'bench', stream: process.stderr });
  const registry = createMetricsRegistry({ service: 'sdk-gateway', version: 'bench' });
  const tokens = createSdkTokens({ authSecrets: config.authSecrets });
  const replica: ReplicaState = createReplicaState({
    cache, events, verifier: tokens, clock: systemClock, logger, registry,
    revalidateIntervalMs: config.revalidateIntervalMs, readReplica: false, pingStore: false,
  });
  const gateway = createSdkGateway({ config, replica, cache, events, tokens, logger, registry });
  await replica.start();
  await gateway.start();
  const app = createApp({ logger, registry, routers: [gateway.router], readiness: () => gateway.notReadyReasons() });
  const server: HttpServerHandle = await listen(app, { port: 0, host: '127.0.0.1', logger, fastPath: gateway.fastPath });
  return {
    baseUrl: `http://127.0.0.1:${server.port}`,
    gateway,
    async close() {
      await server.close();
      await gateway.close();
      await replica.close();
    },
  };
}

/** A bare `node:http` server answering every request with `body` as `application/json`: the baseline. */
export async function startBareServer(body: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
