import { createEnvReader, readRedisOptions, readServiceOptions, readTlsOptions } from '@relay/config';
import { serveRoles } from '@relay/http';
import { closeOnSignals, createProcessContext, startHeartbeat, systemClock } from '@relay/lifecycle';
import { logStartupFailure } from '@relay/logging';
import { createReplicaState } from '@relay/replica';
import { createSdkTokens } from '@relay/sdk-auth';
import { createSdkGateway, readSdkGatewayConfig } from '@relay/sdk-gateway';
import { openStore } from '@relay/store-redis';

async function main(): Promise<void> {
  const reader = createEnvReader(process.env);
  const options = readServiceOptions(reader);
  const redis = readRedisOptions(reader, { required: true });
  const tls = readTlsOptions(reader);
  const config = readSdkGatewayConfig(reader);
  const context = createProcessContext({ service: 'sdk-gateway', options, warnings: reader.finish(), config: { ...config, redis } });
  const { logger, registry, resources } = context;
  const store = resources.add('store', await openStore(redis, { logger, registry }));
  const tokens = createSdkTokens({ authSecrets: config.authSecrets, tokenTtlSeconds: config.authTokenTtlSeconds });
  const replica = resources.add('replica', createReplicaState({ cache: store.cache, events: store.events, verifier: tokens, clock: systemClock,
    logger, registry, revalidateIntervalMs: config.revalidateIntervalMs, readReplica: config.readReplica, pingStore: store.remote }));
  const gateway = resources.add('sdk-gateway', createSdkGateway({ config, replica, cache: store.cache, events: store.events, tokens, logger, registry, clock: systemClock }));
  await replica.start();
  await gateway.start();
  await serveRoles({ context, roles: [gateway], options, tls, bodyLimitBytes: config.maxRequestBodyBytes, fastPath: gateway.fastPath });
  resources.add('heartbeat', startHeartbeat([gateway], logger, options.heartbeatIntervalMs));
  closeOnSignals(resources, logger, { timeoutMs: options.shutdownTimeoutMs });
}

main().catch((error: unknown) => {
  logStartupFailure('sdk-gateway', error);
  process.exit(1);
});
