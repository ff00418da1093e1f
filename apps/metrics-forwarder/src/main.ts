import { createEnvReader, readOutboundProxyOptions, readRedisOptions, readServiceOptions } from '@relay/config';
import { serveRoles } from '@relay/http';
import { closeOnSignals, createProcessContext, PRODUCT_VERSION, startHeartbeat, systemClock } from '@relay/lifecycle';
import { logStartupFailure } from '@relay/logging';
import { createMetricsForwarder, readMetricsForwarderConfig } from '@relay/metrics-forwarder';
import { createMetricsPoster, createProxySession, createSaasClient, createSaasHttp } from '@relay/saas-client';
import { openStore } from '@relay/store-redis';

async function main(): Promise<void> {
  const reader = createEnvReader(process.env);
  const options = readServiceOptions(reader);
  const redis = readRedisOptions(reader, { required: true });
  const proxy = readOutboundProxyOptions(reader);
  const config = readMetricsForwarderConfig(reader);
  const context = createProcessContext({
    service: 'metrics-forwarder',
    options,
    warnings: reader.finish(),
    config: { ...config, redis },
  });
  const { logger, registry, resources, instanceId } = context;
  const store = resources.add('store', await openStore(redis, { logger, registry }));
  const http = createSaasHttp({ version: PRODUCT_VERSION, registry, proxy, clock: systemClock });
  const client = createSaasClient({ http, ...config, version: PRODUCT_VERSION });
  const poster = createMetricsPoster({ client, session: createProxySession(client, config.proxyKey, systemClock) });
  const forwarder = resources.add(
    'metrics-forwarder',
    createMetricsForwarder({
      config,
      events: store.events,
      cache: store.cache,
      pingStore: store.remote,
      poster,
      instanceId,
      logger,
      registry,
      shutdownTimeoutMs: options.shutdownTimeoutMs,
    }),
  );
  await forwarder.start();
  await serveRoles({ context, roles: [forwarder], options });
  resources.add('heartbeat', startHeartbeat([forwarder], logger, options.heartbeatIntervalMs));
  closeOnSignals(resources, logger, { timeoutMs: options.shutdownTimeoutMs });
}

main().catch((error: unknown) => {
  logStartupFailure('metrics-forwarder', error);
  process.exit(1);
});
