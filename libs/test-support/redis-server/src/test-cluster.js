// A local Redis Cluster of masters only (no replicas), built with CLUSTER ADDSLOTSRANGE and CLUSTER
// MEET instead of `redis-cli --cluster create`, which waits in one-second steps. Typed by
// test-cluster.d.ts.
'use strict';

const { sendCommand } = require('./resp-command');
const { startRedisProcess, withFreePorts } = require('./redis-process');

const SLOTS = 16384;
const HOST = '127.0.0.1';

function slotRanges(masters) {
  const size = Math.ceil(SLOTS / masters);
  return Array.from({ length: masters }, (_, i) => [i * size, Math.min(SLOTS, (i + 1) * size) - 1]);
}

async function startNodes(dir, ports, masters) {
  const starts = [];
  for (let i = 0; i < masters; i += 1) {
    const port = ports[2 * i];
    const busPort = ports[2 * i + 1];
    const args = ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`];
    args.push('--cluster-port', String(busPort), '--cluster-announce-ip', HOST, '--cluster-node-timeout', '5000');
    starts.push(startRedisProcess({ dir, port, args }).then((process) => ({ process, busPort })));
  }
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(settled.filter((r) => r.status === 'fulfilled').map((r) => r.value.process.stop()));
    throw failed.reason;
  }
  return settled.map((result) => result.value);
}

async function waitUntilOk(addresses, masters, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const infos = await Promise.all(addresses.map((address) => sendCommand(address, ['CLUSTER', 'INFO'])));
    const ok = infos.every(
      (info) => info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${masters}\r\n`),
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`cluster not ready within ${timeoutMs} ms: ${infos[0]}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Starts `masters` cluster nodes on free ports in `dir`, assigns them equal slot ranges, joins them
 * and resolves once every node reports `cluster_state:ok`.
 */
async function createTestCluster(dir, masters = 3) {
  const nodes = await withFreePorts(2 * masters, (ports) => startNodes(dir, ports, masters));
  const addresses = nodes.map((node) => `${HOST}:${node.process.port}`);
  try {
    const ranges = slotRanges(masters);
    await Promise.all(
      addresses.map(async (address, i) => {
        await sendCommand(address, ['CLUSTER', 'SET-CONFIG-EPOCH', String(i + 1)]);
        await sendCommand(address, ['CLUSTER', 'ADDSLOTSRANGE', String(ranges[i][0]), String(ranges[i][1])]);
      }),
    );
    for (const node of nodes.slice(1)) {
      await sendCommand(addresses[0], ['CLUSTER', 'MEET', HOST, String(node.process.port), String(node.busPort)]);
    }
    await waitUntilOk(addresses, masters, 20000);
  } catch (error) {
    await Promise.all(nodes.map((node) => node.process.stop()));
    throw error;
  }
  return {
    addresses,
    processes: nodes.map((node) => node.process),
    stop: () => Promise.all(nodes.map((node) => node.process.stop())).then(() => undefined),
  };
}

module.exports = { createTestCluster };
