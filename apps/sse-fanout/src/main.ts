import { createEnvReader, readRedisOptions, readServiceOptions, readTlsOptions } from '@relay/config';
import { serveRoles } from '@relay/http';
import { closeOnSignals, createProcessContext, startHeartbeat, systemClock } from '@relay/lifecycle';
import { logStartupFailure } from '@relay/logging';
import { createReplicaState } from '@relay/replica';
import { createSdkTokens } from '@relay/sdk-auth';
import { createSseFanout, readSseFanoutConfig } from '@relay/sse-fanout';
import { openStore } from '@relay/store-redis';

async function main(): Promise<void> {
  const reader = createEnvReader(process.env);
  const options = readServiceOptions(reader);
  const redis = readRedisOptions(reader, { required: true });
  const tls = readTlsOptions(reader);
  const config = readSseFanoutConfig(reader);
  const context = createProcessContext({ service: 'sse-fanout', options, warnings: reader.finish(), config: { ...config, redis } });
  const { logger, registry, resources } = context;
  const store = resources.add('store', await openStore(redis, { logger, registry }));
  const { cache, events } = store;
  const tokens = createSdkTokens({ authSecrets: config.authSecrets }); // verifies only: sdk-gateway issues the tokens
  const replica = resources.add('replica', createReplicaState({ cache, events, verifier: tokens, clock: systemClock,
    logger, registry, revalidateIntervalMs: config.revalidateIntervalMs, readReplica: config.readReplica, pingStore: store.remote }));
  const fanout = resources.add('sse-fanout', createSseFanout({ config, replica, cache, events, clock: systemClock,
    logger, registry, shutdownTimeoutMs: options.shutdownTimeoutMs }));
  await replica.start();
  await fanout.start();
  await serveRoles({ context, roles: [fanout], options, tls, fastPath: fanout.fastPath });
  resources.add('heartbeat', startHeartbeat([fanout], logger, options.heartbeatIntervalMs));
  closeOnSignals(resources, logger, { timeoutMs: options.shutdownTimeoutMs });
}

main().catch((error: unknown) => {
  logStartupFailure('sse-fanout', error);
  process.exit(1);
});
