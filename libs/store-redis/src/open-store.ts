import type { RedisOptions } from '@relay/config';
import type { Logger } from '@relay/logging';
import { createCacheMetrics, type Registry } from '@relay/metrics';
import {
  checkEvictionPolicy,
  createMemoryStore,
  instrumentConfigCache,
  type ConfigCache,
  type EventStream,
} from '@relay/store';
import { connectRedis, type ConnectRedisDeps } from './connect-redis';
import { createRedisConfigCache } from './create-redis-config-cache';
import { createRedisEventStream } from './create-redis-event-stream';

/** The store of a process: Redis, or the in-process store of the all-in-one without `REDIS_ADDRESS`. */
export interface OpenStore {
  /** The cache port, instrumented with the `ff_proxy_redis_cache_*` or `ff_proxy_in_mem_cache_*` families. */
  cache: ConfigCache;
  events: EventStream;
  /** True for Redis: readiness and `cacheStatus` follow its PINGs; the in-process store is always healthy. */
  remote: boolean;
  close(): Promise<void>;
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions extends Omit<ConnectRedisDeps, 'logger'> {
  logger: Logger;
  registry: Registry;
}

/**
 * Opens the store a composition root needs: with `redis` options, connects (waiting up to 60 s for a
 * `PING`, spec/configuration.md §3) and logs an unsafe eviction policy (spec/redis-contract.md §1.10);
 * without, creates the in-memory store (spec/redis-contract.md §10).
 */
export async function openStore(redis: RedisOptions | undefined, options: OpenStoreOptions): Promise<OpenStore> {
  if (!redis) {
    const memory = createMemoryStore({ clock: options.clock });
    return {
      cache: instrumentConfigCache(memory.cache, createCacheMetrics(options.registry, 'in_mem')),
      events: memory.events,
      remote: false,
      close: async () => undefined,
    };
  }
  const logger = options.logger.child({ component: 'redis' });
  const connection = await connectRedis(redis, { ...options, logger });
  logger.info('redis connected', { topology: connection.topology });
  const cache = createRedisConfigCache(connection);
  await checkEvictionPolicy(cache, logger);
  return {
    cache: instrumentConfigCache(cache, createCacheMetrics(options.registry, 'redis')),
    events: createRedisEventStream(connection),
    remote: true,
    close: () => connection.close(),
  };
}
