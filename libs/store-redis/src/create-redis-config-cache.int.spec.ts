import { createCapturingLogger } from '@relay/logging/testing';
import { flushAll, type TestRedisTopology, testRedisAddress, testRedisOptions } from '@relay/redis-test-server';
import { describeConfigCacheContract } from '@relay/store/testing';
import { connectRedis } from './connect-redis';
import { createRedisConfigCache } from './create-redis-config-cache';
import { createRedisEventStream } from './create-redis-event-stream';
import type { RedisConnection } from './redis-connection';

// The shared ConfigCache contract (spec/redis-contract.md §10) against the private standalone Redis
// and the private 3-master Cluster of the Jest global setup; every test starts from FLUSHALL.
describe.each<TestRedisTopology>(['standalone', 'cluster'])('createRedisConfigCache on %s Redis', (topology) => {
  let connection: RedisConnection;
  beforeAll(async () => {
    connection = await connectRedis(testRedisOptions(testRedisAddress(topology)), { logger: createCapturingLogger() });
  });
  afterAll(() => connection.close());

  describeConfigCacheContract(topology, async () => {
    await flushAll(testRedisAddress(topology));
    return { cache: createRedisConfigCache(connection), events: createRedisEventStream(connection) };
  });
});
