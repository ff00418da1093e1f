import type { RedisNode, RedisOptions } from '@relay/config';
import { parseAddress } from './resp-command';

/** Which of the two private servers of the Jest global setup. */
export type TestRedisTopology = 'standalone' | 'cluster';

const VARIABLES: Record<TestRedisTopology, string> = {
  standalone: 'RELAY_TEST_REDIS_STANDALONE',
  cluster: 'RELAY_TEST_REDIS_CLUSTER',
};

/**
 * The address of a private test server started by the Jest global setup (`global-setup.js`):
 * `127.0.0.1:<port>` for `standalone`, the comma-separated masters for `cluster`. Throws when the test
 * runs without that setup (for example with the unit-test config instead of `jest.int.config.js`).
 */
export function testRedisAddress(topology: TestRedisTopology): string {
  const variable = VARIABLES[topology];
  const address = process.env[variable];
  if (!address) {
    throw new Error(`${variable} is not set: run this test through an int-test target (jest.int.config.js)`);
  }
  return address;
}

/** `127.0.0.1:<port>` of the private standalone Redis. */
export function standaloneRedisAddress(): string {
  return testRedisAddress('standalone');
}

/** `127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>`: the masters of the private 3-master Cluster. */
export function clusterRedisAddress(): string {
  return testRedisAddress('cluster');
}

/** The nodes of a comma-separated `host:port` list. */
export function redisNodesOf(address: string): RedisNode[] {
  return address
    .split(',')
    .filter((element) => element.trim() !== '')
    .map((element) => parseAddress(element));
}

/**
 * `RedisOptions` (as `@relay/config` would parse `REDIS_ADDRESS`) for a test address: no TLS, no
 * credentials, db 0 unless overridden.
 */
export function testRedisOptions(address: string, overrides: Partial<RedisOptions> = {}): RedisOptions {
  return { nodes: redisNodesOf(address), tls: false, db: 0, ...overrides };
}
