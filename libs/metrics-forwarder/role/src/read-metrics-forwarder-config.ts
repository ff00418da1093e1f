import type { EnvReader } from '@relay/config';

/** metrics-forwarder settings (spec/configuration.md §2). Durations in ms. */
export interface MetricsForwarderConfig {
  /** `PROXY_KEY`; required unless forwarding is disabled. */
  proxyKey: string;
  /** `CLIENT_SERVICE`, for `/proxy/auth` only. */
  clientServiceUrl: string;
  /** `METRIC_SERVICE` (deprecated alias `METRICS_SERVICE`); default `https://events.ff.harness.io/api/1.0`. */
  metricServiceUrl: string;
  /** `METRIC_POST_DURATION` (s, 0–86400, default 60) in ms; 0 disables forwarding (decision 9). */
  postIntervalMs: number;
  /** `METRICS_STREAM_READ_CONCURRENCY` (or `METRIC_STREAM_READ_CONCURRENCY`), 1–64, default 10: reader loops. */
  readConcurrency: number;
  /** `METRICS_MAX_RETRY_AGE` (s, 60–86400, default 900): older metrics are dropped and counted. */
  maxRetryAgeMs: number;
  /** `OFFLINE`: nothing is forwarded. */
  offline: boolean;
  /** Whether forwarding runs: `postIntervalMs` > 0 and not offline. */
  enabled: boolean;
}

function readConcurrency(reader: EnvReader): number {
  const bounds = { default: 10, min: 1, max: 64 };
  const documented = reader.raw('METRICS_STREAM_READ_CONCURRENCY');
  const legacy = reader.raw('METRIC_STREAM_READ_CONCURRENCY');
  if (documented !== undefined && legacy !== undefined && documented !== legacy) {
    reader.problem('METRICS_STREAM_READ_CONCURRENCY, METRIC_STREAM_READ_CONCURRENCY: both set to different values');
  }
  return documented !== undefined || legacy === undefined
    ? reader.int('METRICS_STREAM_READ_CONCURRENCY', bounds)
    : reader.int('METRIC_STREAM_READ_CONCURRENCY', bounds);
}

function readMetricServiceUrl(reader: EnvReader): string {
  const fallback = 'https://events.ff.harness.io/api/1.0';
  if (reader.raw('METRIC_SERVICE') === undefined && reader.raw('METRICS_SERVICE') !== undefined) {
    reader.warn('METRICS_SERVICE is deprecated; use METRIC_SERVICE');
    return reader.url('METRICS_SERVICE', fallback);
  }
  return reader.url('METRIC_SERVICE', fallback);
}

/** Reads {@link MetricsForwarderConfig}, recording every problem on `reader`. */
export function readMetricsForwarderConfig(reader: EnvReader): MetricsForwarderConfig {
  const postSeconds = reader.int('METRIC_POST_DURATION', { default: 60, min: 0, max: 86_400 });
  if (postSeconds > 0 && postSeconds < 60)
    reader.warn(`METRIC_POST_DURATION: ${postSeconds} s is below the documented 60 s minimum`);
  const offline = reader.bool('OFFLINE', false);
  const enabled = postSeconds > 0 && !offline;
  const proxyKey = reader.string('PROXY_KEY');
  if (enabled && proxyKey === '') reader.problem('PROXY_KEY: required');
  return {
    proxyKey,
    clientServiceUrl: reader.url('CLIENT_SERVICE', 'https://config.ff.harness.io/api/1.0'),
    metricServiceUrl: readMetricServiceUrl(reader),
    postIntervalMs: postSeconds * 1000,
    readConcurrency: readConcurrency(reader),
    maxRetryAgeMs: reader.int('METRICS_MAX_RETRY_AGE', { default: 900, min: 60, max: 86_400 }) * 1000,
    offline,
    enabled,
  };
}
