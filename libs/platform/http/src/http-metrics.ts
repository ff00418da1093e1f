import type { Registry } from 'prom-client';
import { counter, histogram } from '@relay/metrics';

/** Labels of one finished (or started) SDK-facing request. */
export interface RequestObservation {
  code: number;
  envID: string;
  method: string;
  url: string;
  seconds: number;
  /** Bytes of a POST body, for the content-length histogram. */
  postBytes?: number;
}

/** Records `ff_proxy_http_requests_*` and `ff_http_requests_content_length_histogram` (spec/observability.md §2.1). */
export interface HttpMetrics {
  observe(observation: RequestObservation): void;
}

/** Creates {@link HttpMetrics} on `registry` (idempotent per registry). */
export function createHttpMetrics(registry: Registry): HttpMetrics {
  const total = counter(registry, {
    name: 'ff_proxy_http_requests_total',
    help: 'HTTP requests served to SDKs',
    labelNames: ['code', 'envID', 'method', 'url'],
  });
  const duration = histogram(registry, {
    name: 'ff_proxy_http_requests_duration',
    help: 'Time until the response started (s)',
    labelNames: ['envID', 'url'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const contentLength = histogram(registry, {
    name: 'ff_http_requests_content_length_histogram',
    help: 'Body size of POST requests (bytes)',
    labelNames: ['envID', 'url'],
    buckets: Array.from({ length: 10 }, (_, k) => 100 * 2 ** k),
  });
  return {
    observe({ code, envID, method, url, seconds, postBytes }) {
      total.inc({ code: String(code), envID, method, url });
      duration.observe({ envID, url }, seconds);
      if (postBytes !== undefined) contentLength.observe({ envID, url }, postBytes);
    },
  };
}
