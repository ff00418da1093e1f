import { createConnection } from 'node:net';
import { createEnvReader } from '@relay/config';
import { systemClock } from '@relay/lifecycle';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { redisKeys, sha256hex, type RedisKey } from '@relay/redis-contract';
import { startRedisServer, testRedisOptions } from '@relay/redis-test-server';
import { createSaasAccess } from '@relay/saas-client';
import { startSaasEmulator, type EmulatorState } from '@relay/saas-emulator';
import { createSaasSync, readSaasSyncConfig } from '@relay/saas-sync';
import { openStore } from '@relay/store-redis';
import type { BenchReport, BenchScenario } from '../bench-scenario';
import { readCountOption } from '../parse-bench-args';
import { createSeededRandom } from '@relay/flag-evaluator/testing';
import { createRealisticFlagSet } from './realistic-flag-set';

const PROXY_KEY = 'bench-proxy-key';

/** The total of `cmdstat_*` calls of a Redis server, from `INFO commandstats`. */
async function commandCount(port: number): Promise<number> {
  const info = await new Promise<string>((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.endsWith('\r\n') && text.includes('cmdstat_')) socket.end();
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.write('INFO commandstats\r\n');
  });
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

function emulatorState(environments: number, flags: number, segments: number): EmulatorState {
  const set = createRealisticFlagSet(createSeededRandom(7), { flags, segments, targets: 1 });
  const ids = Array.from({ length: environments }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  return {
    environments: ids.map((id, i) => ({ id, identifier: `env${i}`, project: 'bench' })),
    proxyKeys: [{ key: PROXY_KEY, environments: ids }],
    sdkKeys: Object.fromEntries(ids.map((id, i) => [id, [`sdk-key-${i}`]])),
    flags: Object.fromEntries(ids.map((id) => [id, set.flags.map(({ version: _v, environment: _e, project: _p, ...flag }) => flag)])),
    segments: Object.fromEntries(ids.map((id) => [id, set.segments.map(({ version: _v, environment: _e, ...segment }) => segment)])),
  };
}

async function run(options: Record<string, string>): Promise<BenchReport> {
  const environments = readCountOption(options, 'environments', 1000);
  const flags = readCountOption(options, 'flags', 30);
  const segments = readCountOption(options, 'segments', 5);
  const redis = await startRedisServer();
  const emulator = await startSaasEmulator({ state: emulatorState(environments, flags, segments) });
  const logger = createCapturingLogger();
  const registry = createMetricsRegistry({ service: 'bench', version: 'bench' });
  const store = await openStore(testRedisOptions(redis.address), { logger, registry });
  try {
    const config = readSaasSyncConfig(createEnvReader({ PROXY_KEY, CLIENT_SERVICE: emulator.clientServiceUrl }));
    const saas = createSaasAccess({ ...config, version: 'bench', registry, clock: systemClock }).api;
    const before = await commandCount(redis.port);
    const startedAt = performance.now();
    const role = createSaasSync({ config, cache: store.cache, events: store.events, saas, proxyKeyHash: sha256hex(PROXY_KEY), instanceId: 'bench:1:00000000', logger, registry, pingStore: false, timings: { connectWaitMs: 5000 } });
    await role.start();
    while (!logger.find('full sync finished').length && !logger.find('full sync failed').length) await new Promise((r) => setTimeout(r, 20));
    const syncSeconds = (performance.now() - startedAt) / 1000;
    const commands = (await commandCount(redis.port)) - before;
    await role.close();
    const failure = logger.find('full sync failed')[0];
    if (failure) throw new Error(`the sync failed: ${String(failure['err'])}`);

    // Baseline in the same run: the same keys written with one plain SET each, nothing else.
    const keys = JSON.parse((await store.cache.get(redisKeys.inventory(sha256hex(PROXY_KEY)))) ?? '{"keys":[]}').keys as RedisKey[];
    const values = await Promise.all(keys.map(async (key) => [key, (await store.cache.get(key)) ?? ''] as const));
    const baselineStart = performance.now();
    await Promise.all(values.map(([key, value]) => store.cache.set(key, value)));
    const baselineSeconds = (performance.now() - baselineStart) / 1000;
    return {
      figures: {
        environments, flags, segments, keys: keys.length, syncSeconds: Number(syncSeconds.toFixed(3)),
        commandsPerEnvironment: Number((commands / environments).toFixed(1)), baselineSetSeconds: Number(baselineSeconds.toFixed(3)),
        ratioToPlainSets: Number((syncSeconds / baselineSeconds).toFixed(2)),
      },
      summary: [
        `cold sync of ${environments} environments × ${flags} flags × ${segments} segments: ${syncSeconds.toFixed(2)} s, ${(commands / environments).toFixed(1)} Redis commands per environment (${keys.length} keys)`,
        `writing the same ${keys.length} keys with plain concurrent SETs: ${baselineSeconds.toFixed(2)} s (sync = ${(syncSeconds / baselineSeconds).toFixed(1)}× that, including fetching every page from the emulator)`,
      ],
    };
  } finally {
    await store.close();
    await emulator.close();
    await redis.stop();
  }
}

/** Cold sync of many environments from the emulator into a private Redis (issue: saas-sync benchmark). */
export const saasSyncScenario: BenchScenario = {
  description: 'cold full sync of N environments × flags × segments from the emulator into a private redis-server',
  run,
};
