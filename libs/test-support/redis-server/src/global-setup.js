// Jest global setup of every `int-test` target: one private standalone Redis and one 3-master Redis
// Cluster on free ports (never 6379), in a fresh temp dir, published to the tests through
//   RELAY_TEST_REDIS_STANDALONE=127.0.0.1:<port>
//   RELAY_TEST_REDIS_CLUSTER=127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>
//   RELAY_TEST_REDIS_DIR=<temp dir>   (servers started by tests live below it, so teardown removes them)
// global-teardown.js stops them; a detached watchdog does it if the run dies first.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  assertRedisServerInstalled,
  killRecordedProcesses,
  spawnWatchdog,
  startRedisProcess,
  withFreePorts,
} = require('./redis-process');
const { createTestCluster } = require('./test-cluster');

const STATE = Symbol.for('relay.redisTestServers');

module.exports = async function globalSetup() {
  assertRedisServerInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-redis-'));
  spawnWatchdog(dir);
  const cleanUp = () => {
    killRecordedProcesses(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  globalThis[STATE] = { dir, cleanUp };
  try {
    const standaloneDir = fs.mkdtempSync(path.join(dir, 'standalone-'));
    const clusterDir = fs.mkdtempSync(path.join(dir, 'cluster-'));
    const [standalone, cluster] = await Promise.all([
      withFreePorts(1, ([port]) => startRedisProcess({ dir: standaloneDir, port })),
      createTestCluster(clusterDir, 3),
    ]);
    process.env.RELAY_TEST_REDIS_STANDALONE = `127.0.0.1:${standalone.port}`;
    process.env.RELAY_TEST_REDIS_CLUSTER = cluster.addresses.join(',');
    process.env.RELAY_TEST_REDIS_DIR = dir;
  } catch (error) {
    cleanUp();
    throw error;
  }
};
