import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { backoffDelay, systemClock, type Clock } from '@relay/lifecycle';
import type { Registry } from '@relay/metrics';
import { proxyFor, TunnelingAgent, type OutboundProxyOptions } from './outbound-proxy';
import { isRetryableStatus, retryAfterMs, SaasError } from './saas-errors';
import { createSaasRequestMetrics, type SaasRoute } from './saas-request-metrics';

/** Options of {@link createSaasHttp}. */
export interface SaasHttpOptions {
  /** Product version for `User-Agent: ff-proxy-ts/<version>`. */
  version: string;
  registry: Registry;
  proxy?: OutboundProxyOptions;
  clock?: Clock;
  /** Per-request timeout (connect + full response); default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after retryable failures; default 3 (waits 1 s, 2 s, 4 s ±20 %). */
  retries?: number;
  random?: () => number;
}

/** One JSON request to SaaS. */
export interface SaasRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Metric label; omitted for the metrics service. */
  route?: SaasRoute;
  envID?: string;
  /** Retry retryable failures (§1); metrics POSTs retry on their own schedule. Default true. */
  retry?: boolean;
}

/** Sends JSON requests to SaaS with the timeouts, retries, proxy and metrics of spec/saas-api.md §1. */
export interface SaasHttp {
  /** The parsed JSON body of a 2xx answer; rejects with {@link SaasError} otherwise. */
  request(req: SaasRequest): Promise<unknown>;
  /** axios settings (agents, proxy) for a URL, for the streaming request. */
  transportFor(url: string): Pick<AxiosRequestConfig, 'proxy' | 'httpsAgent'>;
  readonly userAgent: string;
}

/** Creates {@link SaasHttp}. */
export function createSaasHttp(options: SaasHttpOptions): SaasHttp {
  const clock = options.clock ?? systemClock;
  const metrics = createSaasRequestMetrics(options.registry);
  const userAgent = `ff-proxy-ts/${options.version}`;
  const client: AxiosInstance = axios.create({ timeout: options.timeoutMs ?? 30_000, validateStatus: () => true, responseType: 'text', transformResponse: (d: unknown) => d });
  const agents = new Map<string, TunnelingAgent>();

  function transportFor(url: string): Pick<AxiosRequestConfig, 'proxy' | 'httpsAgent'> {
    const proxy = proxyFor(url, options.proxy);
    if (!proxy) return { proxy: false };
    if (new URL(url).protocol === 'http:') {
      const auth = proxy.username ? { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) } : undefined;
      return { proxy: { protocol: 'http', host: proxy.hostname, port: Number(proxy.port || 80), ...(auth ? { auth } : {}) } };
    }
    let agent = agents.get(proxy.href);
    if (!agent) agents.set(proxy.href, (agent = new TunnelingAgent(proxy)));
    return { proxy: false, httpsAgent: agent };
  }

  async function once(req: SaasRequest): Promise<unknown> {
    const startedAt = clock.now();
    let response: AxiosResponse<string>;
    try {
      response = await client.request<string>({
        method: req.method,
        url: req.url,
        headers: { 'User-Agent': userAgent, ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...req.headers },
        data: req.body === undefined ? undefined : JSON.stringify(req.body),
        ...transportFor(req.url),
      });
    } catch (error) {
      if (req.route) metrics.observe(req.route, req.envID ?? '', 'error', (clock.now() - startedAt) / 1000);
      throw new SaasError(`request to SaaS failed: ${(error as Error).message}`, { retryable: true, cause: error });
    }
    if (req.route) metrics.observe(req.route, req.envID ?? '', response.status, (clock.now() - startedAt) / 1000);
    if (response.status < 200 || response.status >= 300) {
      throw new SaasError(`SaaS answered ${response.status}`, {
        status: response.status,
        retryable: isRetryableStatus(response.status),
        retryAfterMs: retryAfterMs(response.headers['retry-after']),
      });
    }
    try {
      return response.data === '' ? null : JSON.parse(response.data);
    } catch (error) {
      throw new SaasError('SaaS answered a body that is not valid JSON', { status: response.status, retryable: false, cause: error });
    }
  }

  return {
    userAgent,
    transportFor,
    async request(req) {
      const retries = req.retry === false ? 0 : (options.retries ?? 3);
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(req);
        } catch (error) {
          if (!(error instanceof SaasError) || !error.retryable || attempt >= retries) throw error;
          const wait = error.retryAfterMs ?? backoffDelay(attempt, { initialMs: 1000, maxMs: 4000, jitter: 0.2 }, options.random);
          await clock.sleep(wait);
        }
      }
    },
  };
}
