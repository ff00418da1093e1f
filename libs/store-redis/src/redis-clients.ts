import type { RedisNode, RedisOptions } from '@relay/config';
import { Cluster, type ClusterOptions, Redis, type RedisOptions as IoRedisOptions } from 'ioredis';
import { SniTlsConnector } from './sni-tls-connector';

/** A standalone or Cluster ioredis client. */
export type RedisClient = Redis | Cluster;

/** Connection settings that are code options, not environment variables (spec/redis-contract.md §1.11). */
export interface ClientSettings {
  /** Delay between reconnect attempts, in ms; attempts never stop after startup. */
  retryIntervalMs: number;
}

/** Connect timeout (spec/configuration.md §5). */
const CONNECT_TIMEOUT_MS = 10_000;

/** Options every node connection shares: credentials, TLS with per-node SNI, timeouts. */
function nodeOptions(options: RedisOptions): IoRedisOptions {
  return {
    username: options.username,
    password: options.password,
    ...(options.tls ? { tls: {}, Connector: SniTlsConnector } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Commands in flight when a connection drops fail at once (UNAVAILABLE) instead of being retried
    // for many reconnect attempts: callers have their own retry rules (§5.1, §7.1).
    maxRetriesPerRequest: 0,
  };
}

/** A standalone client of `node` (database `db`), reconnecting for ever every `retryIntervalMs`. */
export function createStandaloneClient(options: RedisOptions, node: RedisNode, db: number, settings: ClientSettings): Redis {
  return new Redis({
    ...nodeOptions(options),
    host: node.host,
    port: node.port,
    db,
    enableAutoPipelining: true,
    retryStrategy: () => settings.retryIntervalMs,
  });
}

/** A Cluster client seeded with every node of `options` (Cluster has only database 0, §8.4). */
export function createClusterClient(options: RedisOptions, settings: ClientSettings): Cluster {
  const clusterOptions: ClusterOptions = {
    redisOptions: nodeOptions(options),
    enableAutoPipelining: true,
    clusterRetryStrategy: () => settings.retryIntervalMs,
  };
  return new Cluster(
    options.nodes.map((node) => ({ host: node.host, port: node.port })),
    clusterOptions,
  );
}

/**
 * A new connection like `client` for one blocking reader loop (spec/redis-contract.md §8.3): its
 * blocking `XREAD` must not delay other commands. `maxRetriesPerRequest: null` as spec/configuration.md
 * §5 asks; a read in flight when the connection drops is neither retried nor resent (the reader rejects
 * it, so the loop resumes from its last id and runs its gap check), and reads are sent only when the
 * connection is ready (no offline queue), so no stale read runs after a reconnect.
 */
export function duplicateForBlocking(client: RedisClient): RedisClient {
  const blocking = { maxRetriesPerRequest: null, autoResendUnfulfilledCommands: false };
  // No auto-pipelining: a read abandoned by a dropped connection never settles, and ioredis would hold
  // every later command of the connection behind that unfinished pipeline.
  const connection = { enableAutoPipelining: false, enableOfflineQueue: false };
  if (client instanceof Cluster) {
    return client.duplicate([], { ...connection, redisOptions: { ...client.options.redisOptions, ...blocking } });
  }
  return client.duplicate({ ...blocking, ...connection });
}
