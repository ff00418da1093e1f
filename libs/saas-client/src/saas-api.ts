import type { Clock } from '@relay/lifecycle';
import { runAccountStream, type StreamEnd } from './account-stream';
import type { ProxySession } from './proxy-session';
import type { SaasClient } from './saas-client';
import type { SaasHttp } from './saas-http-client';
import type { SaasRequestMetrics } from './saas-request-metrics';
import type { SseBlock } from './sse-parser';

/** Options of {@link createSaasApi}. */
export interface SaasApiOptions {
  client: SaasClient;
  session: ProxySession;
  http: SaasHttp;
  metrics: SaasRequestMetrics;
  proxyKey: string;
  clock: Clock;
}

/** Options of a stream run. */
export interface SaasApiStreamOptions {
  lastEventId: string | undefined;
  readTimeoutMs: number;
  signal: AbortSignal;
  onConnected(): void;
  onBlock(block: SseBlock): void;
  onOversize(): void;
}

/** The SaaS calls of one proxy key, with token handling (the `SaasPort` of saas-sync). */
export interface SaasApi {
  authenticate(): Promise<void>;
  accountId(): string | undefined;
  proxyConfigPage(pageNumber: number, environment?: string): Promise<unknown>;
  featureConfigs(envId: string): Promise<unknown>;
  targetSegments(envId: string): Promise<unknown>;
  runStream(options: SaasApiStreamOptions): Promise<StreamEnd>;
}

/** Creates a {@link SaasApi}: every call uses the session's current token and retries once after a 401. */
export function createSaasApi(options: SaasApiOptions): SaasApi {
  const { client, session, proxyKey } = options;
  return {
    async authenticate() {
      await session.renew();
    },
    accountId: () => session.current()?.account,
    proxyConfigPage: (pageNumber, environment) =>
      session.call((token) => client.proxyConfigPage(token, { proxyKey, pageNumber, pageSize: 10, environment })),
    featureConfigs: (envId) => session.call((token) => client.featureConfigs(token, envId)),
    targetSegments: (envId) => session.call((token) => client.targetSegments(token, envId)),
    async runStream(stream) {
      const token = await session.token();
      const { url, headers } = client.streamRequest(token, proxyKey, stream.lastEventId);
      return runAccountStream({
        ...stream,
        http: options.http,
        url,
        headers,
        clock: options.clock,
        onResponse: (status, seconds) => options.metrics.observe('/stream', '', status, seconds),
      });
    },
  };
}
