import { decodeProxyToken, type ProxyToken } from './proxy-token';
import { ProxyKeyRejectedError, SaasError } from './saas-errors';
import type { SaasHttp } from './saas-http-client';

/** Options of {@link createSaasClient}. */
export interface SaasClientOptions {
  http: SaasHttp;
  /** `CLIENT_SERVICE`, without a trailing `/`. */
  clientServiceUrl: string;
  /** `METRIC_SERVICE`, without a trailing `/`; needed only to post metrics. */
  metricServiceUrl?: string;
  /** Product version for `Harness-SDK-Info: Proxy <version>`. */
  version: string;
  now?: () => number;
}

/** The SaaS client and metrics APIs (spec/saas-api.md §2–4, §6.5). */
export interface SaasClient {
  /** `POST /proxy/auth`; rejects with {@link ProxyKeyRejectedError} on 401/403/404. */
  authenticate(proxyKey: string): Promise<ProxyToken>;
  /** One `GET /proxy/config` page (raw JSON, validated by the caller). */
  proxyConfigPage(token: ProxyToken, request: { proxyKey: string; pageNumber: number; pageSize: number; environment?: string }): Promise<unknown>;
  /** `GET /client/env/{envID}/feature-configs` (raw JSON). */
  featureConfigs(token: ProxyToken, envId: string): Promise<unknown>;
  /** `GET /client/env/{envID}/target-segments?rules=v2` (raw JSON). */
  targetSegments(token: ProxyToken, envId: string): Promise<unknown>;
  /** `POST {METRIC_SERVICE}/metrics/{envID}`, without retries (the forwarder schedules them). */
  postMetrics(token: ProxyToken, envId: string, body: unknown): Promise<void>;
  /** URL and headers of the account stream request (§5.2). */
  streamRequest(token: ProxyToken, proxyKey: string, lastEventId: string | undefined): { url: string; headers: Record<string, string> };
}

/** Creates a {@link SaasClient}. */
export function createSaasClient(options: SaasClientOptions): SaasClient {
  const { http, clientServiceUrl } = options;
  const sdkInfo = `Proxy ${options.version}`;
  const now = options.now ?? Date.now;
  const envHeaders = (token: ProxyToken, envId: string): Record<string, string> => ({
    Authorization: `Bearer ${token.token}`,
    ...(token.account ? { 'Harness-AccountID': token.account } : {}),
    'Harness-EnvironmentID': envId,
    'Harness-SDK-Info': sdkInfo,
  });
  const enc = encodeURIComponent;

  return {
    async authenticate(proxyKey) {
      try {
        const body = await http.request({ method: 'POST', url: `${clientServiceUrl}/proxy/auth`, headers: {}, body: { proxyKey }, route: '/proxy/auth' });
        const token = (body as { authToken?: unknown } | null)?.authToken;
        if (typeof token !== 'string' || token === '') throw new SaasError('proxy auth answered without a token', { retryable: false });
        return decodeProxyToken(token, now());
      } catch (error) {
        if (error instanceof SaasError && (error.status === 401 || error.status === 403 || error.status === 404)) {
          throw new ProxyKeyRejectedError(error.status);
        }
        throw error;
      }
    },
    proxyConfigPage(token, { proxyKey, pageNumber, pageSize, environment }) {
      const query = `cluster=${enc(token.cluster)}&key=${enc(proxyKey)}&pageNumber=${pageNumber}&pageSize=${pageSize}${environment ? `&environment=${enc(environment)}` : ''}`;
      return http.request({
        method: 'GET',
        url: `${clientServiceUrl}/proxy/config?${query}`,
        headers: { Authorization: `Bearer ${token.token}` },
        route: '/proxy/config',
        envID: environment ?? '',
      });
    },
    featureConfigs(token, envId) {
      return http.request({
        method: 'GET',
        url: `${clientServiceUrl}/client/env/${enc(envId)}/feature-configs?cluster=${enc(token.cluster)}`,
        headers: envHeaders(token, envId),
        route: '/client/env/:env/feature-configs',
        envID: envId,
      });
    },
    targetSegments(token, envId) {
      return http.request({
        method: 'GET',
        url: `${clientServiceUrl}/client/env/${enc(envId)}/target-segments?cluster=${enc(token.cluster)}&rules=v2`,
        headers: envHeaders(token, envId),
        route: '/client/env/:env/target-segments',
        envID: envId,
      });
    },
    async postMetrics(token, envId, body) {
      if (!options.metricServiceUrl) throw new Error('metricServiceUrl is not configured');
      await http.request({
        method: 'POST',
        url: `${options.metricServiceUrl}/metrics/${enc(envId)}?cluster=${enc(token.cluster)}`,
        headers: envHeaders(token, envId),
        body,
        retry: false,
      });
    },
    streamRequest(token, proxyKey, lastEventId) {
      return {
        url: `${clientServiceUrl}/stream?cluster=${enc(token.cluster)}&stream=*`,
        headers: {
          Authorization: `Bearer ${token.token}`,
          'API-Key': proxyKey,
          ...(token.account ? { 'Harness-AccountID': token.account } : {}),
          'Harness-SDK-Info': sdkInfo,
          Accept: 'text/event-stream',
          'Cache-Control': 'no-cache',
          Connection: 'keep-alive',
          ...(lastEventId !== undefined ? { 'Last-Event-ID': lastEventId } : {}),
        },
      };
    },
  };
}
