import { ConfigError } from '@relay/errors';
import { createCapturingLogger } from '@relay/logging/testing';
import { redisKeys, streamNames } from '@relay/redis-contract';
import {
  clusterRedisAddress,
  flushAll,
  redisNodesOf,
  type RedisTestServer,
  standaloneRedisAddress,
  startRedisServer,
  testRedisOptions,
} from '@relay/redis-test-server';
import { StoreError } from '@relay/store';
import { connectRedis } from './connect-redis';
import { createRedisConfigCache } from './create-redis-config-cache';
import { createRedisEventStream } from './create-redis-event-stream';
import type { RedisConnection } from './redis-connection';

const KEY = redisKeys.configStatus();
const quick = { logger: createCapturingLogger(), retryIntervalMs: 100 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `call` every 50 ms until it resolves (a reconnect is under way), for at most `timeoutMs`. */
async function eventually<T>(call: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

describe('connectRedis', () => {
  const connections: RedisConnection[] = [];
  const connect = async (...args: Parameters<typeof connectRedis>) => {
    const connection = await connectRedis(...args);
    connections.push(connection);
    return connection;
  };
  const closeAll = () => Promise.all(connections.splice(0).map((connection) => connection.close()));
  afterEach(closeAll);

  describe('given a standalone server', () => {
    beforeEach(() => flushAll(standaloneRedisAddress()));

    it('selects REDIS_DB: a key written in db 2 is not visible in db 0', async () => {
      const db2 = createRedisConfigCache(await connect(testRedisOptions(standaloneRedisAddress(), { db: 2 }), quick));
      const db0 = createRedisConfigCache(await connect(testRedisOptions(standaloneRedisAddress()), quick));
      await db2.set(KEY, '{"db":2}');
      expect(await db2.get(KEY)).toBe('{"db":2}');
      expect(await db0.get(KEY)).toBeUndefined();
    });

    it('uses a standalone client for one address of a standalone server', async () => {
      const connection = await connect(testRedisOptions(standaloneRedisAddress()), quick);
      expect(connection.topology).toBe('standalone');
      expect(connection.masters()).toHaveLength(1);
    });
  });

  describe('given the 3-master Cluster', () => {
    beforeEach(() => flushAll(clusterRedisAddress()));

    it('detects the Cluster from one seed address and reaches every slot', async () => {
      const [seed] = redisNodesOf(clusterRedisAddress());
      const connection = await connect({ nodes: [seed!], tls: false, db: 0 }, quick);
      expect(connection.topology).toBe('cluster');
      expect(connection.masters()).toHaveLength(3);
      const cache = createRedisConfigCache(connection);
      const keys = Array.from({ length: 30 }, (_, i) => redisKeys.featureConfig('env', `flag-${i}`));
      await Promise.all(keys.map((key, i) => cache.set(key, String(i))));
      expect(await Promise.all(keys.map((key) => cache.get(key)))).toEqual(keys.map((_, i) => String(i)));
    });

    it('uses a Cluster client for several addresses', async () => {
      const connection = await connect(testRedisOptions(clusterRedisAddress()), quick);
      expect(connection.topology).toBe('cluster');
    });

    it('refuses REDIS_DB other than 0 with a Cluster, also when found through one seed', async () => {
      await expect(connectRedis(testRedisOptions(clusterRedisAddress(), { db: 1 }), quick)).rejects.toBeInstanceOf(ConfigError);
      const [seed] = redisNodesOf(clusterRedisAddress());
      await expect(connectRedis({ nodes: [seed!], tls: false, db: 1 }, quick)).rejects.toBeInstanceOf(ConfigError);
    });
  });

  describe('given a server that is down', () => {
    let server: RedisTestServer;
    beforeEach(async () => {
      server = await startRedisServer();
      await server.kill();
    });
    afterEach(async () => {
      await closeAll();
      await server.stop();
    });

    it('fails at startup once the PING budget is spent, logging the outage once', async () => {
      const logger = createCapturingLogger();
      const started = Date.now();
      const connecting = connectRedis(testRedisOptions(server.address), { logger, startupTimeoutMs: 600, retryIntervalMs: 100 });
      await expect(connecting).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'redis did not answer PING within 600 ms' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(logger.find('redis unavailable')).toHaveLength(1);
    });

    it('waits for a server that comes up within the PING budget', async () => {
      const connecting = connect(testRedisOptions(server.address), { ...quick, startupTimeoutMs: 10_000 });
      await sleep(300);
      await server.start();
      const connection = await connecting;
      await expect(createRedisConfigCache(connection).ping()).resolves.toBeUndefined();
    });
  });

  describe('given a server that restarts while readers wait', () => {
    let server: RedisTestServer;
    beforeEach(async () => {
      server = await startRedisServer();
    });
    afterEach(async () => {
      await closeAll();
      await server.stop();
    });

    it('fails commands fast while Redis is down, and the blocking reader works again once it is back', async () => {
      const connection = await connect(testRedisOptions(server.address), quick);
      const cache = createRedisConfigCache(connection);
      const events = createRedisEventStream(connection);
      const reader = events.openReader(streamNames.sseEvents);
      const lastId = await events.append(streamNames.sseEvents, '{"n":0}', 100);
      const waiting = reader.read(lastId, { count: 10, blockMs: 5000 });
      await sleep(100);

      const lost = expect(waiting).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await server.kill();
      await lost;
      await expect(cache.get(KEY)).rejects.toBeInstanceOf(StoreError);
      await expect(reader.read(lastId, { count: 10, blockMs: 100 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });

      await server.start();
      await eventually(() => cache.ping());
      // The server restarted empty: the loop resumes from its last id, which is now beyond the stream.
      const reading = eventually(() => reader.read('0-0', { count: 10, blockMs: 5000 }));
      await sleep(200);
      const id = await events.append(streamNames.sseEvents, '{"n":1}', 100);
      expect(await reading).toEqual([{ id, event: '{"n":1}' }]);
      await reader.close();
    });

    it('closes the shared client and every dedicated connection', async () => {
      const observer = createRedisConfigCache(await connect(testRedisOptions(server.address), quick));
      const connection = await connectRedis(testRedisOptions(server.address), quick);
      const events = createRedisEventStream(connection);
      const reader = events.openReader(streamNames.sseEvents);
      events.openGroupReader(streamNames.sdkMetrics, 'g', 'c');
      const pending = expect(reader.read('0-0', { count: 1, blockMs: 5000 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await sleep(200);
      const connectedClients = async () => {
        const info = await (connections[0] as RedisConnection).client.info('clients');
        return Number(/connected_clients:(\d+)/.exec(info)?.[1]);
      };
      expect(await connectedClients()).toBe(4);
      await connection.close();
      await pending;
      await eventually(async () => expect(await connectedClients()).toBe(1));
      await expect(observer.ping()).resolves.toBeUndefined();
    });
  });
});
