import type { Socket } from 'node:net';
import { systemClock } from '@relay/lifecycle';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { redisKeys } from '@relay/redis-contract';
import { flushAll, standaloneRedisAddress, testRedisOptions } from '@relay/redis-test-server';
import { createSdkTokens } from '@relay/sdk-auth';
import {
  markSynced,
  publishItemChange,
  seedEnvironment,
  startTestFanout,
  waitUntil,
  type TestFanout,
} from '@relay/sse-fanout/testing';
import { openStore, type OpenStore } from '@relay/store-redis';
import { startCoalescingProxy } from './coalescing-proxy';
import { createSdkGatewayDouble, type SdkGatewayDouble } from './sdk-gateway-double';

export const ENV_ID = '71716f30-aea0-4271-89b5-cb1c82be4567';
export const SERVER_KEY = 'server-sdk-key-under-test';
export const CLIENT_KEY = 'client-sdk-key-under-test';
export const FLAG = 'bool-flag1';
const AUTH_SECRET = 'a-test-secret-of-at-least-32-bytes-long';

/** sse-fanout in process on the private Redis, with a gateway double in front, for the real SDKs. */
export interface RealSdkStack {
  readonly fanout: TestFanout;
  /** The base URL SDKs get: a {@link startCoalescingProxy} in front of the fanout's server. */
  readonly baseUrl: string;
  readonly gateway: SdkGatewayDouble;
  /** Changes `bool-flag1` and announces it on `proxy:sse_events`, as saas-sync does. */
  publishFlag(state: 'on' | 'off'): Promise<void>;
  /** Resolves just after the next `:\n\n` comment (initial or heartbeat) is written to any SDK socket. */
  nextComment(): Promise<void>;
  /** Waits until the fanout holds `count` streams of the environment ("stream registered"). */
  waitForStreams(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Calls listeners just after a `:\n\n` comment was written to a server socket. */
function watchComments(fanout: TestFanout): (listener: () => void) => void {
  const listeners: (() => void)[] = [];
  fanout.server.server.on('connection', (socket: Socket) => {
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((...args: unknown[]) => {
      const result = write(...args);
      if (String(args[0]) === ':\n\n') for (const listener of listeners.splice(0)) setImmediate(listener);
      return result;
    }) as Socket['write'];
  });
  return (listener) => listeners.push(listener);
}

/** Starts the stack on a flushed private Redis with heartbeats every second. */
export async function startRealSdkStack(): Promise<RealSdkStack> {
  const address = standaloneRedisAddress();
  await flushAll(address);
  const store: OpenStore = await openStore(testRedisOptions(address), {
    logger: createCapturingLogger(),
    registry: createMetricsRegistry({ service: 'test', version: 'test' }),
  });
  let version = 1;
  let envVersion = 100;
  await seedEnvironment(store.cache, {
    envId: ENV_ID,
    sdkKeys: [SERVER_KEY, CLIENT_KEY],
    flags: [{ feature: FLAG, version }],
    version: envVersion,
  });
  await markSynced(store.cache);
  const tokens = createSdkTokens({ authSecrets: [AUTH_SECRET] });
  const gateway = createSdkGatewayDouble({
    tokens,
    envId: ENV_ID,
    sdkKeys: [SERVER_KEY, CLIENT_KEY],
    flags: [{ feature: FLAG, state: 'off', version }],
  });
  const fanout = await startTestFanout({
    store: { cache: store.cache, events: store.events, remote: true },
    verifier: tokens,
    clock: systemClock,
    config: { keepAliveIntervalMs: 1000, revalidateIntervalMs: 1000 },
    shutdownTimeoutMs: 200,
    fastPath: gateway.fastPath,
    replicaTimings: { blockMs: 1000 },
  });
  const onComment = watchComments(fanout);
  const proxy = await startCoalescingProxy(fanout.port);
  return {
    fanout,
    baseUrl: proxy.baseUrl,
    gateway,
    async publishFlag(state) {
      version += 1;
      envVersion += 1;
      gateway.setFlag({ feature: FLAG, state, version });
      await store.cache.set(redisKeys.version(ENV_ID), String(envVersion));
      await publishItemChange(store.events, {
        event: 'patch',
        domain: 'flag',
        identifier: FLAG,
        version,
        environment: ENV_ID,
        envVersion,
      });
    },
    nextComment: () => new Promise((resolve) => onComment(resolve)),
    waitForStreams: (count) =>
      waitUntil(() => fanout.fanout.connectionCount(ENV_ID) === count, 5000, `${count} registered streams`),
    async close() {
      await proxy.close();
      await fanout.close();
      await store.close();
    },
  };
}
