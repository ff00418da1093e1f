import { systemClock } from '@relay/lifecycle';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { startRedisServer, testRedisOptions, type RedisTestServer } from '@relay/redis-test-server';
import { createSdkTokens } from '@relay/sdk-auth';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import {
  markSynced,
  openTestStream,
  publishItemChange,
  seedEnvironment,
  startTestFanout,
  waitUntil,
  type TestFanout,
  type TestStreamClient,
} from '@relay/sse-fanout/testing';
import { openStore, type OpenStore } from '@relay/store-redis';

const ENV_ID = '71716f30-aea0-4271-89b5-cb1c82be4567';
const SDK_KEY = 'server-sdk-key-under-test';
const AUTH_SECRET = 'a-test-secret-of-at-least-32-bytes-long';

describe('sse-fanout while its Redis restarts', () => {
  let server: RedisTestServer;
  let store: OpenStore;
  let t: TestFanout;
  let streams: TestStreamClient[] = [];

  beforeEach(async () => {
    server = await startRedisServer();
    store = await openStore(testRedisOptions(server.address), {
      logger: createCapturingLogger(),
      registry: createMetricsRegistry({ service: 't', version: 't' }),
    });
    await seedEnvironment(store.cache, { envId: ENV_ID, sdkKeys: [SDK_KEY], version: 10 });
    await markSynced(store.cache);
    const tokens = createSdkTokens({ authSecrets: [AUTH_SECRET] });
    t = await startTestFanout({
      store: { cache: store.cache, events: store.events, remote: true },
      verifier: tokens,
      clock: systemClock,
      config: { keepAliveIntervalMs: 1000, revalidateIntervalMs: 1000 },
      shutdownTimeoutMs: 200,
      replicaTimings: { blockMs: 500, pingIntervalMs: 500 },
    });
    const token = await tokens.issue({ apiKey: redisKeys.authKey(sha256hex(SDK_KEY)), environment: ENV_ID });
    const headers = { Authorization: `Bearer ${token}`, 'API-Key': SDK_KEY };
    streams = await Promise.all([openTestStream({ port: t.port, headers }), openTestStream({ port: t.port, headers })]);
    await waitUntil(() => t.fanout.connectionCount(ENV_ID) === 2);
  });
  afterEach(async () => {
    streams.forEach((stream) => stream.close());
    await t.close();
    await store.close();
    await server.stop();
  });

  /** Appends an entry, retrying while the test's own connection is still reconnecting. */
  const publish = async (identifier: string): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await publishItemChange(store.events, {
          event: 'patch',
          domain: 'flag',
          identifier,
          version: 1,
          environment: ENV_ID,
          envVersion: 11,
        });
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };

  it('keeps the streams open and delivers every entry published after the restart', async () => {
    const before = await publish('before');
    for (const stream of streams) await stream.waitFor((text) => text.includes(`id: ${before}\n`));

    await server.restart({ downMs: 300 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await publish(`after-${i}`)); // published as soon as Redis is back
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let i = 5; i < 10; i++) ids.push(await publish(`after-${i}`)); // and once the reader resumed

    for (const stream of streams) {
      await stream.waitFor((text) => ids.every((id) => text.includes(`id: ${id}\n`)), 20_000);
      expect(stream.isEnded()).toBe(false);
      const order = ids.map((id) => stream.text().indexOf(`id: ${id}\n`));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(t.logger.find('stream read failed').length).toBeGreaterThan(0); // the reader did see the outage
    expect(t.fanout.connectionCount(ENV_ID)).toBe(2);
    expect(await t.registry.metrics()).not.toMatch(/ff_proxy_sdk_sse_connections_closed_total\{/);
  }, 40_000);
});
