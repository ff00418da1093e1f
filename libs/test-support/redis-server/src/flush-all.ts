import { type RespReply, sendCommand } from './resp-command';

/** `host:port` of every master listed by `CLUSTER NODES` on `seed`. */
async function clusterMasters(seed: string): Promise<string[]> {
  const nodes = String(await sendCommand(seed, ['CLUSTER', 'NODES']));
  return nodes
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => (fields[2] ?? '').split(',').includes('master'))
    .map((fields) => (fields[1] ?? '').split('@')[0] ?? '')
    .filter((address) => address !== '');
}

async function isClusterNode(address: string): Promise<boolean> {
  const info: RespReply = await sendCommand(address, ['INFO', 'cluster']);
  return String(info).includes('cluster_enabled:1');
}

/**
 * `FLUSHALL` on every node behind `address` (one `host:port` or a comma-separated list): for a Redis
 * Cluster every master it knows, so each test starts from an empty store (the key names are fixed,
 * tests cannot isolate by prefix). Refuses port 6379.
 */
export async function flushAll(address: string): Promise<void> {
  const seeds = address
    .split(',')
    .map((element) => element.trim())
    .filter((element) => element !== '');
  const first = seeds[0];
  if (first === undefined) throw new Error('flushAll: no address given');
  const targets = (await isClusterNode(first)) ? await clusterMasters(first) : seeds;
  await Promise.all(targets.map((target) => sendCommand(target, ['FLUSHALL'])));
}
