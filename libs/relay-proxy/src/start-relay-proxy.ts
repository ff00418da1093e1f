import { combineFastPaths, serveRoles } from '@relay/http';
import { createProcessContext, PRODUCT_VERSION, startHeartbeat, systemClock, type ProcessContext, type ServiceRole } from '@relay/lifecycle';
import { createMetricsForwarder } from '@relay/metrics-forwarder';
import { OFFLINE_PROXY_KEY_HASH, sha256hex } from '@relay/redis-contract';
import { createReplicaState } from '@relay/replica';
import { createMetricsPoster, createSaasAccess } from '@relay/saas-client';
import { createSaasSync } from '@relay/saas-sync';
import { createSdkTokens } from '@relay/sdk-auth';
import { createSdkGateway } from '@relay/sdk-gateway';
import { createSseFanout, type SseFanout } from '@relay/sse-fanout';
import { openStore } from '@relay/store-redis';
import type { RelayProxyConfig } from './read-relay-proxy-config';

/** A running all-in-one process. */
export interface RelayProxy {
  /** The bound SDK-facing port (useful with `PORT=0`). */
  port: number;
  context: ProcessContext;
  /** The "stream registered" hook of the tests: open SDK streams per environment. */
  fanout: SseFanout;
  /** Closes everything in reverse order within the shutdown budget. */
  close(): Promise<boolean>;
}

/** Options of {@link startRelayProxy}. */
export interface StartRelayProxyOptions {
  /** Interface to bind; default all. Tests use `127.0.0.1`. */
  host?: string;
  /** Warnings collected while reading the configuration. */
  warnings?: readonly string[];
}

/**
 * Starts the all-in-one process (spec/configuration.md §6): the four roles from the same libraries as the
 * separate services, one replica state shared by sdk-gateway and sse-fanout, one registry, one HTTP server
 * on `PORT` where `/stream` goes to sse-fanout and everything else to sdk-gateway. Redis when
 * `REDIS_ADDRESS` is set, the in-process store otherwise.
 */
export async function startRelayProxy(config: RelayProxyConfig, start: StartRelayProxyOptions = {}): Promise<RelayProxy> {
  const { options, gateway: gatewayConfig, fanout: fanoutConfig, primary } = config;
  const context = createProcessContext({ service: 'relay-proxy', options, warnings: start.warnings ?? [], config: { ...config, proxy: undefined } });
  const { logger, registry, resources, instanceId } = context;
  try {
    const store = resources.add('store', await openStore(config.redis, { logger, registry }));
    const { cache, events } = store;
    const roleLogger = (name: string) => logger.child({ component: name });
    const roles: ServiceRole[] = [];
    if (primary) {
      const { sync, forwarder } = primary;
      const access = createSaasAccess({ ...sync, metricServiceUrl: forwarder.metricServiceUrl, version: PRODUCT_VERSION, registry, clock: systemClock, proxy: config.proxy });
      const proxyKeyHash = sync.proxyKey ? sha256hex(sync.proxyKey) : OFFLINE_PROXY_KEY_HASH;
      const saasSync = resources.add('saas-sync', createSaasSync({ config: sync, cache, events, saas: sync.offline ? undefined : access.api, proxyKeyHash, instanceId, logger: roleLogger('saas-sync'), registry, pingStore: store.remote }));
      const poster = createMetricsPoster({ client: access.client, session: access.session });
      const metrics = resources.add('metrics-forwarder', createMetricsForwarder({ config: forwarder, events, cache, pingStore: store.remote, poster, instanceId, logger: roleLogger('metrics-forwarder'), registry, shutdownTimeoutMs: options.shutdownTimeoutMs }));
      roles.push(saasSync, metrics);
    }
    const tokens = createSdkTokens({ authSecrets: gatewayConfig.authSecrets, tokenTtlSeconds: gatewayConfig.authTokenTtlSeconds });
    const replica = resources.add('replica', createReplicaState({ cache, events, verifier: tokens, clock: systemClock, logger: roleLogger('sdk-gateway'), registry, revalidateIntervalMs: gatewayConfig.revalidateIntervalMs, readReplica: gatewayConfig.readReplica, pingStore: store.remote }));
    const gateway = resources.add('sdk-gateway', createSdkGateway({ config: gatewayConfig, replica, cache, events, tokens, logger: roleLogger('sdk-gateway'), registry }));
    const fanout = resources.add('sse-fanout', createSseFanout({ config: fanoutConfig, replica, cache, events, logger: roleLogger('sse-fanout'), registry, shutdownTimeoutMs: options.shutdownTimeoutMs }));
    roles.unshift(fanout, gateway);
    await replica.start();
    for (const role of roles) await role.start();
    const http = await serveRoles({ context, roles, options, tls: config.tls, host: start.host, bodyLimitBytes: gatewayConfig.maxRequestBodyBytes, fastPath: combineFastPaths(fanout.fastPath, gateway.fastPath) });
    resources.add('heartbeat', startHeartbeat(roles, logger, options.heartbeatIntervalMs));
    return { port: http.port, context, fanout, close: () => resources.closeAll(options.shutdownTimeoutMs) };
  } catch (error) {
    await resources.closeAll(options.shutdownTimeoutMs);
    throw error;
  }
}
