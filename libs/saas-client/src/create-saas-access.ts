import type { Clock } from '@relay/lifecycle';
import type { Registry } from '@relay/metrics';
import type { OutboundProxyOptions } from './outbound-proxy';
import { createProxySession, type ProxySession } from './proxy-session';
import { createSaasApi, type SaasApi } from './saas-api';
import { createSaasClient, type SaasClient } from './saas-client';
import { createSaasHttp, type SaasHttp } from './saas-http-client';
import { createSaasRequestMetrics } from './saas-request-metrics';

/** Options of {@link createSaasAccess}. */
export interface SaasAccessOptions {
  /** `CLIENT_SERVICE`. */
  clientServiceUrl: string;
  /** `METRIC_SERVICE` (metrics-forwarder only). */
  metricServiceUrl?: string;
  proxyKey: string;
  /** Product version (`User-Agent`, `Harness-SDK-Info`). */
  version: string;
  registry: Registry;
  clock: Clock;
  proxy?: OutboundProxyOptions;
}

/** Everything that talks to SaaS for one proxy key, sharing one HTTP client and one token. */
export interface SaasAccess {
  http: SaasHttp;
  client: SaasClient;
  session: ProxySession;
  /** The calls saas-sync makes (its `SaasPort`). */
  api: SaasApi;
}

/** Wires the SaaS client for a composition root. */
export function createSaasAccess(options: SaasAccessOptions): SaasAccess {
  const http = createSaasHttp({ version: options.version, registry: options.registry, proxy: options.proxy, clock: options.clock });
  const client = createSaasClient({ http, clientServiceUrl: options.clientServiceUrl, metricServiceUrl: options.metricServiceUrl, version: options.version, now: () => options.clock.now() });
  const session = createProxySession(client, options.proxyKey, options.clock);
  const api = createSaasApi({ client, session, http, metrics: createSaasRequestMetrics(options.registry), proxyKey: options.proxyKey, clock: options.clock });
  return { http, client, session, api };
}
