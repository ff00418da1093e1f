import { createApp, listen } from '@relay/http';
import { systemClock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import { createMetricsRegistry } from '@relay/metrics';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import { createReplicaState } from '@relay/replica';
import { createSdkTokens } from '@relay/sdk-auth';
import { createSseFanout } from '@relay/sse-fanout';
import { markSynced, publishItemChange, seedEnvironment } from '@relay/sse-fanout/testing';
import { createMemoryStore } from '@relay/store';

const ENV_ID = '71716f30-aea0-4271-89b5-cb1c82be4567';
const SDK_KEY = 'bench-sdk-key';
const AUTH_SECRET = 'bench-secret-of-at-least-thirty-two-bytes';

/** A logger that writes nothing: the bench measures the fan-out, not 5 000 `sse stream opened` lines. */
const silent: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silent,
  isDebugEnabled: () => false,
};

/** One in-process sse-fanout on the memory store, as the all-in-one runs it. */
export interface FanoutServer {
  readonly port: number;
  /** Headers of an authorised `/stream` request (one SDK key, one token). */
  readonly headers: Record<string, string>;
  /** Appends one flag `patch` to `proxy:sse_events`. */
  publish(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the replica state, sse-fanout and an HTTP server on 127.0.0.1 with a free port. */
export async function startFanoutServer(keepAliveIntervalMs: number): Promise<FanoutServer> {
  const { cache, events } = createMemoryStore();
  await seedEnvironment(cache, {
    envId: ENV_ID,
    sdkKeys: [SDK_KEY],
    flags: [{ feature: 'bool-flag1', version: 1 }],
    version: 1,
  });
  await markSynced(cache);
  const tokens = createSdkTokens({ authSecrets: [AUTH_SECRET] });
  const registry = createMetricsRegistry({ service: 'bench', version: 'bench' });
  const common = { clock: systemClock, logger: silent, registry };
  const replica = createReplicaState({
    ...common,
    cache,
    events,
    verifier: tokens,
    revalidateIntervalMs: 30_000,
    readReplica: false,
    pingStore: false,
  });
  const config = {
    authSecrets: [AUTH_SECRET],
    bypassAuth: false,
    keepAliveIntervalMs,
    eventDelayMs: 0,
    revalidateIntervalMs: 30_000,
    readReplica: false,
  };
  const fanout = createSseFanout({ ...common, config, replica, cache, events, shutdownTimeoutMs: 0 });
  await replica.start();
  await fanout.start();
  const app = createApp({ logger: silent, registry, routers: [fanout.router], readiness: () => [] });
  const server = await listen(app, { port: 0, host: '127.0.0.1', logger: silent, fastPath: fanout.fastPath });
  const token = await tokens.issue({ apiKey: redisKeys.authKey(sha256hex(SDK_KEY)), environment: ENV_ID });
  let version = 1;
  return {
    port: server.port,
    headers: { Authorization: `Bearer ${token}`, 'API-Key': SDK_KEY },
    async publish() {
      version += 1;
      await publishItemChange(events, {
        event: 'patch',
        domain: 'flag',
        identifier: 'bool-flag1',
        version,
        environment: ENV_ID,
        envVersion: version,
      });
    },
    async close() {
      server.prepareClose();
      await fanout.close();
      await server.close();
      await replica.close();
    },
  };
}
