import type { RedisOptions } from '@relay/config';
import { ConfigError } from '@relay/errors';
import { type Clock, systemClock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import { StoreError } from '@relay/store';
import { type ClientSettings, createClusterClient, createStandaloneClient, type RedisClient } from './redis-clients';
import { createRedisConnection, type RedisConnection } from './redis-connection';

/** Dependencies and code options of {@link connectRedis} (spec/configuration.md §3). */
export interface ConnectRedisDeps {
  logger: Logger;
  /** At startup `PING` must succeed within this many ms, else `connectRedis` rejects (the app exits 1). Default 60000. */
  startupTimeoutMs?: number;
  /** Delay between startup `PING`s and between reconnect attempts for ever after, in ms. Default 1000. */
  retryIntervalMs?: number;
  /** Default: the system clock. */
  clock?: Clock;
}

interface Startup extends ClientSettings {
  logger: Logger;
  clock: Clock;
  deadlineMs: number;
  startupTimeoutMs: number;
}

function withinDeadline<T>(call: Promise<T>, startup: Startup): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const remainingMs = Math.max(0, startup.deadlineMs - startup.clock.now());
    const timer = startup.clock.setTimeout(() => reject(new Error('no reply')), remainingMs);
    call.then(resolve, reject).finally(() => startup.clock.clearTimeout(timer));
  });
}

/** `PING` until it answers, every `retryIntervalMs`, until the startup deadline (Go parity: 60 s). */
async function waitForPing(client: RedisClient, startup: Startup): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await withinDeadline(client.ping(), startup);
      return;
    } catch (error) {
      if (attempt === 0) startup.logger.error('redis unavailable', { err: error, retryInMs: startup.retryIntervalMs });
      if (startup.clock.now() + startup.retryIntervalMs >= startup.deadlineMs) {
        client.disconnect();
        const message = `redis did not answer PING within ${startup.startupTimeoutMs} ms`;
        throw new StoreError('UNAVAILABLE', message, { cause: error });
      }
      await startup.clock.sleep(startup.retryIntervalMs);
    }
  }
}

function watchErrors(client: RedisClient, logger: Logger): void {
  // ioredis reports every failed reconnect as an 'error' event; the health monitor logs the outage.
  client.on('error', (error: unknown) => logger.debug('redis connection error', { err: error }));
}

async function connectCluster(options: RedisOptions, startup: Startup): Promise<RedisConnection> {
  if (options.db !== 0) throw new ConfigError([`REDIS_DB: must be 0 with Redis Cluster (got ${options.db})`]);
  const cluster = createClusterClient(options, startup);
  watchErrors(cluster, startup.logger);
  await waitForPing(cluster, startup);
  return createRedisConnection('cluster', cluster, startup.logger);
}

/**
 * Connects to Redis as `REDIS_ADDRESS` says (spec/configuration.md §5): several nodes → Cluster; one
 * node → standalone, unless `INFO cluster` answers `cluster_enabled:1`, then a Cluster client seeded
 * with that node. Startup waits for `PING` at most `startupTimeoutMs`, retrying every
 * `retryIntervalMs`, and rejects with `UNAVAILABLE` after that; once connected, lost connections are
 * retried for ever. `REDIS_DB` ≠ 0 with a Cluster is a {@link ConfigError} (§8.4).
 */
export async function connectRedis(options: RedisOptions, deps: ConnectRedisDeps): Promise<RedisConnection> {
  const { logger, clock = systemClock, startupTimeoutMs = 60_000, retryIntervalMs = 1000 } = deps;
  const startup: Startup = { logger, clock, startupTimeoutMs, retryIntervalMs, deadlineMs: clock.now() + startupTimeoutMs };
  const [node, ...others] = options.nodes;
  if (!node) throw new ConfigError(['REDIS_ADDRESS: no address given']);
  if (others.length > 0) return connectCluster(options, startup);

  // Probe on database 0: SELECT fails on a Cluster node, and the probe must work on both.
  const probe = createStandaloneClient(options, node, 0, startup);
  watchErrors(probe, logger);
  await waitForPing(probe, startup);
  const info = await probe.info('cluster').catch(() => '');
  if (/cluster_enabled:1/.test(info)) {
    probe.disconnect();
    return connectCluster(options, startup);
  }
  if (options.db === 0) return createRedisConnection('standalone', probe, logger);
  probe.disconnect();
  const client = createStandaloneClient(options, node, options.db, startup);
  watchErrors(client, logger);
  await waitForPing(client, startup);
  return createRedisConnection('standalone', client, logger);
}
