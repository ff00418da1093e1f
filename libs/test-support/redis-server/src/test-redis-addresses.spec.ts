import { redisNodesOf, testRedisOptions } from './test-redis-addresses';

describe('test Redis addresses', () => {
  it('turns an address list into RedisOptions as @relay/config would', () => {
    expect(redisNodesOf('127.0.0.1:7001,127.0.0.1:7002')).toEqual([
      { host: '127.0.0.1', port: 7001 },
      { host: '127.0.0.1', port: 7002 },
    ]);
    expect(testRedisOptions('127.0.0.1:7001', { db: 2 })).toEqual({
      nodes: [{ host: '127.0.0.1', port: 7001 }],
      tls: false,
      db: 2,
    });
  });
});
