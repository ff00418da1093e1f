import { PRODUCT_VERSION, systemClock, type ProcessContext } from '@relay/lifecycle';
import { createSaasAccess } from '@relay/saas-client';
import { generateOfflineConfig } from '@relay/saas-sync';
import { openStore } from '@relay/store-redis';
import type { RelayProxyConfig } from './read-relay-proxy-config';

/**
 * `GENERATE_OFFLINE_CONFIG=true` in the all-in-one (spec/configuration.md §7.2): fetches the config from
 * SaaS, adds targets from Redis when `REDIS_ADDRESS` is set, writes `CONFIG_DIR`; nothing else runs.
 */
export async function generateOfflineFiles(config: RelayProxyConfig, context: ProcessContext): Promise<number> {
  const sync = config.primary?.sync;
  if (!sync) throw new Error('GENERATE_OFFLINE_CONFIG needs the Primary roles (READ_REPLICA must be false)');
  const { logger, registry } = context;
  const store = config.redis ? await openStore(config.redis, { logger, registry }) : undefined;
  try {
    const saas = createSaasAccess({ ...sync, version: PRODUCT_VERSION, registry, clock: systemClock, proxy: config.proxy }).api;
    return await generateOfflineConfig({ saas, cache: store?.cache, configDir: sync.configDir, clock: systemClock, logger });
  } finally {
    await store?.close();
  }
}
