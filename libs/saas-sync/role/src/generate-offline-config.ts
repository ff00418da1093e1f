import { scanPatterns } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import type { Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import { fetchProxyConfig } from './fetch-proxy-config';
import type { SaasPort } from './saas-port';
import { writeOfflineConfig } from './write-offline-config';

/** Options of {@link generateOfflineConfig}. */
export interface GenerateOfflineConfigOptions {
  saas: SaasPort;
  /** Redis, when `REDIS_ADDRESS` is set: targets are read from the target keys. */
  cache?: ConfigCache;
  configDir: string;
  clock: Clock;
  logger: Logger;
}

async function readTargets(cache: ConfigCache | undefined, envId: string): Promise<unknown[]> {
  if (!cache) return [];
  const keys = (await cache.scan(scanPatterns.targetConfigs(envId))).sort();
  const targets: unknown[] = [];
  for (const key of keys) {
    const text = await cache.get(key);
    if (text === undefined) continue;
    try {
      targets.push(JSON.parse(text));
    } catch {
      // A target key that is not JSON is not worth failing the export for.
    }
  }
  return targets;
}

/**
 * `GENERATE_OFFLINE_CONFIG=true` (spec/configuration.md §7.2): authenticate, page `/proxy/config`,
 * normalise, add the targets known in Redis, and write `CONFIG_DIR`. Nothing is written to Redis.
 */
export async function generateOfflineConfig(options: GenerateOfflineConfigOptions): Promise<number> {
  const { saas, clock, logger } = options;
  await saas.authenticate();
  const environments = await fetchProxyConfig({ saas, clock, logger });
  const exports = [];
  for (const env of environments) exports.push({ env, targets: await readTargets(options.cache, env.id) });
  await writeOfflineConfig(options.configDir, exports, new Date(clock.now()));
  logger.info('offline config written', { environments: exports.length, configDir: options.configDir });
  return exports.length;
}
