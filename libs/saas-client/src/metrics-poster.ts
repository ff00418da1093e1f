import type { ProxySession } from './proxy-session';
import type { SaasClient } from './saas-client';
import { ProxyKeyRejectedError, SaasError } from './saas-errors';

/** A metrics POST body: `{metricsData:[…]}` or `{targetData:[…]}` (spec/saas-api.md §6.5). */
export type MetricsPostBody = { metricsData: unknown[] } | { targetData: unknown[] };

/** What one metrics POST came to; the shape of the `MetricsPoster` port of `@relay/metrics-forwarder`. */
export type MetricsPostOutcome =
  | { outcome: 'accepted'; status: number }
  | { outcome: 'failed'; status?: number; retryable: boolean; retryAfterMs?: number; error: unknown }
  | { outcome: 'no-token'; keyRejected: boolean; status?: number; error: unknown };

/** What a `/proxy/auth` call came to. */
export type MetricsAuthOutcome = { ok: true } | { ok: false; keyRejected: boolean; status?: number; error: unknown };

/** Satisfies the `MetricsPoster` port of metrics-forwarder: outcomes as values, never a rejection. */
export interface MetricsPosterAdapter {
  authenticate(): Promise<MetricsAuthOutcome>;
  post(envId: string, body: MetricsPostBody): Promise<MetricsPostOutcome>;
}

/** Options of {@link createMetricsPoster}. */
export interface MetricsPosterOptions {
  /** Must have been created with `metricServiceUrl`. */
  client: SaasClient;
  /** The proxy token of `PROXY_KEY`: renewed on expiry, and by `authenticate()` after a 401. */
  session: ProxySession;
}

function authFailure(error: unknown): { keyRejected: boolean; status?: number; error: unknown } {
  const status = error instanceof SaasError ? error.status : undefined;
  return { keyRejected: error instanceof ProxyKeyRejectedError, ...(status !== undefined ? { status } : {}), error };
}

/**
 * The metrics-forwarder side of SaaS (spec/saas-api.md §2, §6.5): `/proxy/auth` through the session and
 * one `POST {METRIC_SERVICE}/metrics/{envID}` per call, without retries (the forwarder schedules them).
 */
export function createMetricsPoster({ client, session }: MetricsPosterOptions): MetricsPosterAdapter {
  return {
    async authenticate() {
      try {
        await session.renew();
        return { ok: true };
      } catch (error) {
        return { ok: false, ...authFailure(error) };
      }
    },
    async post(envId, body) {
      let token;
      try {
        token = await session.token();
      } catch (error) {
        return { outcome: 'no-token', ...authFailure(error) };
      }
      try {
        await client.postMetrics(token, envId, body);
        // postMetrics resolves only for a 2xx; the exact code is not surfaced by the client.
        return { outcome: 'accepted', status: 200 };
      } catch (error) {
        if (!(error instanceof SaasError)) return { outcome: 'failed', retryable: true, error };
        const { status, retryable, retryAfterMs } = error;
        // A 2xx whose body is not JSON was still accepted: the metrics service's body carries nothing.
        if (status !== undefined && status >= 200 && status < 300) return { outcome: 'accepted', status };
        return {
          outcome: 'failed',
          retryable,
          error,
          ...(status !== undefined ? { status } : {}),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        };
      }
    },
  };
}
