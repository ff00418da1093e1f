import type { Logger } from '@relay/logging';
import { Cluster, type Redis } from 'ioredis';
import { duplicateForBlocking, type RedisClient } from './redis-clients';

/** Which kind of deployment the connection talks to. */
export type RedisTopology = 'standalone' | 'cluster';

/**
 * An open connection to Redis, made by `connectRedis`, used by `createRedisConfigCache` and
 * `createRedisEventStream`, closed by whoever connected (the app's resource stack).
 */
export interface RedisConnection {
  readonly topology: RedisTopology;
  /** The shared, auto-pipelined client of the adapters of this package. */
  readonly client: RedisClient;
  /** The standalone server, or every Cluster master (SCAN, CONFIG GET and PING run on each, §8.2). */
  masters(): Redis[];
  /** A dedicated connection for one blocking reader loop (§8.3); closed by {@link releaseDedicated} or {@link close}. */
  openDedicated(): RedisClient;
  /** Closes a connection from {@link openDedicated}. */
  releaseDedicated(client: RedisClient): Promise<void>;
  /** Quits the shared client and disconnects every dedicated connection still open. */
  close(): Promise<void>;
}

const QUIT_TIMEOUT_MS = 2000;

/** Wraps a ready client; `logger` receives connection errors of dedicated connections at debug. */
export function createRedisConnection(topology: RedisTopology, client: RedisClient, logger: Logger): RedisConnection {
  const dedicated = new Set<RedisClient>();
  return {
    topology,
    client,
    masters: () => (client instanceof Cluster ? client.nodes('master') : [client]),
    openDedicated() {
      const connection = duplicateForBlocking(client);
      connection.on('error', (error: unknown) => logger.debug('redis connection error', { err: error }));
      dedicated.add(connection);
      return connection;
    },
    async releaseDedicated(connection) {
      dedicated.delete(connection);
      connection.disconnect();
    },
    async close() {
      for (const connection of dedicated) connection.disconnect();
      dedicated.clear();
      if (client.status !== 'ready') {
        client.disconnect();
        return;
      }
      // QUIT lets commands in flight finish; disconnect() if it does not end the connection in time.
      const ended = new Promise((resolve) => client.once('end', resolve));
      client.quit().catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, QUIT_TIMEOUT_MS)))]);
      clearTimeout(timer);
      const status: string = client.status; // changed while waiting
      if (status !== 'end') client.disconnect();
    },
  };
}
