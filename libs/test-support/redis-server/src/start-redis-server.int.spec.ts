import { flushAll } from './flush-all';
import { sendCommand } from './resp-command';
import { startRedisServer } from './start-redis-server';
import { clusterRedisAddress, redisNodesOf, standaloneRedisAddress } from './test-redis-addresses';

describe('the private Redis servers of the global setup', () => {
  it('publishes a standalone server and a 3-master cluster that is ready', async () => {
    expect(await sendCommand(standaloneRedisAddress(), ['PING'])).toBe('PONG');
    const masters = clusterRedisAddress().split(',');
    expect(masters).toHaveLength(3);
    for (const master of masters) {
      expect(String(await sendCommand(master, ['CLUSTER', 'INFO']))).toContain('cluster_state:ok');
      expect(await sendCommand(master, ['CONFIG', 'GET', 'save'])).toEqual(['save', '']);
    }
    for (const { port } of redisNodesOf(`${standaloneRedisAddress()},${clusterRedisAddress()}`)) expect(port).not.toBe(6379);
  });

  it('flushes every master of the cluster', async () => {
    const masters = clusterRedisAddress().split(',');
    // Each master accepts the keys of its own slots and answers MOVED for the others.
    const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
    await Promise.all(masters.flatMap((master) => keys.map((key) => sendCommand(master, ['SET', key, '1']).catch(() => 'MOVED'))));
    const sizes = async () => Promise.all(masters.map((master) => sendCommand(master, ['DBSIZE'])));
    for (const size of await sizes()) expect(size).toBeGreaterThan(0);
    await flushAll(clusterRedisAddress());
    expect(await sizes()).toEqual([0, 0, 0]);
  });
});

describe('startRedisServer', () => {
  it('stops and restarts on the same port, empty', async () => {
    const server = await startRedisServer();
    try {
      await sendCommand(server.address, ['SET', 'k', 'v']);
      await server.restart({ downMs: 50 });
      expect(server.isRunning()).toBe(true);
      expect(await sendCommand(server.address, ['GET', 'k'])).toBeNull();
      await server.kill();
      await expect(sendCommand(server.address, ['PING'])).rejects.toThrow();
      await server.start();
      expect(await sendCommand(server.address, ['PING'])).toBe('PONG');
    } finally {
      await server.stop();
    }
    expect(server.isRunning()).toBe(false);
  });

  it('passes extra arguments to redis-server', async () => {
    const server = await startRedisServer({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    try {
      expect(await sendCommand(server.address, ['CONFIG', 'GET', 'maxmemory-policy'])).toEqual(['maxmemory-policy', 'allkeys-lru']);
    } finally {
      await server.stop();
    }
  });
});
