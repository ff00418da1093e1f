import { createEnvReader, readOutboundProxyOptions, readRedisOptions, readServiceOptions } from '@relay/config';
import { serveRoles } from '@relay/http';
import { closeOnSignals, createProcessContext, PRODUCT_VERSION, startHeartbeat, systemClock } from '@relay/lifecycle';
import { logStartupFailure } from '@relay/logging';
import { OFFLINE_PROXY_KEY_HASH, sha256hex } from '@relay/redis-contract';
import { createSaasAccess } from '@relay/saas-client';
import { createSaasSync, generateOfflineConfig, readOfflineConfig, readSaasSyncConfig } from '@relay/saas-sync';
import { openStore } from '@relay/store-redis';

async function main(): Promise<void> {
  const reader = createEnvReader(process.env);
  const options = readServiceOptions(reader);
  const config = readSaasSyncConfig(reader);
  const redis = readRedisOptions(reader, { required: !config.generateOfflineConfig });
  const proxy = readOutboundProxyOptions(reader);
  const context = createProcessContext({ service: 'saas-sync', options, warnings: reader.finish(), config: { ...config, redis } });
  const { logger, registry, resources, instanceId } = context;
  if (config.offline) await readOfflineConfig(config.configDir); // invalid files stop startup (spec/configuration.md §7.1)
  const store = resources.add('store', await openStore(redis, { logger, registry }));
  const saas = config.offline ? undefined : createSaasAccess({ ...config, proxyKey: config.proxyKey, version: PRODUCT_VERSION, registry, clock: systemClock, proxy }).api;
  if (config.generateOfflineConfig && saas) {
    await generateOfflineConfig({ saas, cache: redis ? store.cache : undefined, configDir: config.configDir, clock: systemClock, logger });
    await resources.closeAll(options.shutdownTimeoutMs);
    return;
  }
  const proxyKeyHash = config.proxyKey ? sha256hex(config.proxyKey) : OFFLINE_PROXY_KEY_HASH;
  const role = resources.add('saas-sync', createSaasSync({ config, cache: store.cache, events: store.events, saas, proxyKeyHash, instanceId, logger, registry, pingStore: store.remote }));
  await role.start();
  await serveRoles({ context, roles: [role], options });
  resources.add('heartbeat', startHeartbeat([role], logger, options.heartbeatIntervalMs));
  closeOnSignals(resources, logger, { timeoutMs: options.shutdownTimeoutMs });
}

main().catch((error: unknown) => {
  logStartupFailure('saas-sync', error);
  process.exit(1);
});
