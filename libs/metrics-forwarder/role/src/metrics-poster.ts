/** One attribute of a metrics or target item, both sides strings (spec/saas-api.md §8.4). */
export interface KeyValue {
  key: string;
  value: string;
}

/** A normalised `metricsData` item (spec/saas-api.md §6.2, §8.4). */
export interface MetricsItem {
  attributes: KeyValue[];
  count: number;
  metricsType: string;
  timestamp: number;
}

/** A normalised `targetData` item (spec/saas-api.md §6.2, §8.4). */
export interface TargetItem {
  identifier: string;
  name: string;
  attributes: KeyValue[];
}

/** The body of one metrics POST: the two parts of a job are sent separately, as Go does (§6.4). */
export type MetricsBody = { metricsData: MetricsItem[] } | { targetData: TargetItem[] };

/**
 * What one `POST {METRIC_SERVICE}/metrics/{envID}` came to (spec/saas-api.md §6.5):
 * - `accepted`: a 2xx;
 * - `failed`: no response, a timeout or a non-2xx `status`; `retryable` for network errors,
 *   timeouts, 408, 429 and 5xx; `retryAfterMs` from `Retry-After`; a 401 is `failed` with status 401;
 * - `no-token`: no proxy token could be obtained, so nothing was sent (`keyRejected` when
 *   `/proxy/auth` answered 401/403/404, with that `status`).
 */
export type MetricsPostResult =
  | { outcome: 'accepted'; status: number }
  | { outcome: 'failed'; status?: number; retryable: boolean; retryAfterMs?: number; error: unknown }
  | { outcome: 'no-token'; keyRejected: boolean; status?: number; error: unknown };

/** What a `/proxy/auth` call came to: `keyRejected` when SaaS answered 401/403/404 (`status`). */
export type MetricsAuthResult = { ok: true } | { ok: false; keyRejected: boolean; status?: number; error: unknown };

/**
 * The SaaS side of metrics-forwarder (spec/saas-api.md §2, §6.5), owned by the role and satisfied by
 * `createMetricsPoster` of `@relay/saas-client`. Outcomes are values: neither method rejects.
 */
export interface MetricsPoster {
  /** `POST {CLIENT_SERVICE}/proxy/auth` now: at start and after a 401 from the metrics service. */
  authenticate(): Promise<MetricsAuthResult>;
  /**
   * One POST of `body` for `envId` with the current proxy token (authenticating first when none is
   * held or it is about to expire), without retries: the forwarder schedules them.
   */
  post(envId: string, body: MetricsBody): Promise<MetricsPostResult>;
}
