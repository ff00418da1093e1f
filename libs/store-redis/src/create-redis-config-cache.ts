import type { RedisKey } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import { ReplyError } from 'ioredis';
import type { RedisConnection } from './redis-connection';
import { runCommand } from './run-command';
import { scanMasters } from './scan-masters';
import { toStoreError } from './to-store-error';

// One-key scripts for the lease (spec/redis-contract.md §6): Cluster allows no other kind (§8.1).
const COMPARE_AND_EXPIRE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
const COMPARE_AND_DELETE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** `CONFIG GET maxmemory-policy` on every master; `undefined` when `CONFIG` is disabled or renamed (§1.10). */
async function evictionPolicies(connection: RedisConnection): Promise<string[] | undefined> {
  try {
    const replies = await Promise.all(connection.masters().map((node) => node.config('GET', 'maxmemory-policy')));
    const policies = replies.map((reply) => (Array.isArray(reply) ? reply[1] : undefined));
    return policies.every((policy) => typeof policy === 'string') ? (policies as string[]) : undefined;
  } catch (error) {
    if (error instanceof ReplyError) return undefined;
    throw toStoreError(error);
  }
}

/**
 * The Redis {@link ConfigCache} (standalone or Cluster): single-key commands only, one-key Lua scripts
 * for compare-and-expire/delete, `SCAN … COUNT 1000` on every master (spec/redis-contract.md §8).
 */
export function createRedisConfigCache(connection: RedisConnection): ConfigCache {
  const { client } = connection;
  return {
    get: (key) => runCommand(client, async (redis) => (await redis.get(key)) ?? undefined),
    async set(key, value, options = {}) {
      await runCommand(client, (redis) =>
        options.ttlSeconds === undefined ? redis.set(key, value) : redis.set(key, value, 'EX', options.ttlSeconds),
      );
    },
    setIfAbsent: (key, value, options = {}) =>
      runCommand(client, async (redis) => {
        const reply =
          options.ttlMs === undefined ? await redis.set(key, value, 'NX') : await redis.set(key, value, 'PX', options.ttlMs, 'NX');
        return reply === 'OK';
      }),
    delete: (key) => runCommand(client, async (redis) => (await redis.del(key)) > 0),
    exists: (key) => runCommand(client, async (redis) => (await redis.exists(key)) > 0),
    increment: (key) => runCommand(client, (redis) => redis.incr(key)),
    compareAndExpire: (key, expected, ttlMs) =>
      runCommand(client, async (redis) => Number(await redis.eval(COMPARE_AND_EXPIRE, 1, key, expected, ttlMs)) === 1),
    compareAndDelete: (key, expected) =>
      runCommand(client, async (redis) => Number(await redis.eval(COMPARE_AND_DELETE, 1, key, expected)) === 1),
    scan: (pattern) => runCommand(client, async () => (await scanMasters(connection, pattern)) as RedisKey[]),
    async ping() {
      await runCommand(client, () => Promise.all(connection.masters().map((node) => node.ping())));
    },
    evictionPolicies: () => runCommand(client, () => evictionPolicies(connection)),
  };
}
