import type { Registry } from '@relay/metrics';
import { counter, histogram } from '@relay/metrics';

/** Route templates of the `url` label (spec/observability.md §2.1). */
export type SaasRoute =
  | '/proxy/auth'
  | '/proxy/config'
  | '/client/env/:env/feature-configs'
  | '/client/env/:env/target-segments'
  | '/stream';

/** Records every call to `CLIENT_SERVICE`. */
export interface SaasRequestMetrics {
  /** `code` is the HTTP status, or `error` when no response arrived. */
  observe(route: SaasRoute, envID: string, code: number | 'error', seconds: number): void;
}

/** Creates {@link SaasRequestMetrics} (`ff_proxy_to_client_service_requests` and its duration). */
export function createSaasRequestMetrics(registry: Registry): SaasRequestMetrics {
  const total = counter(registry, {
    name: 'ff_proxy_to_client_service_requests',
    help: 'Requests to the SaaS client service',
    labelNames: ['url', 'envID', 'code'],
  });
  const duration = histogram(registry, {
    name: 'ff_proxy_to_ff_client_service_requests_duration',
    help: 'Duration of requests to the SaaS client service (s)',
    labelNames: ['url', 'envID'],
    buckets: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1],
  });
  return {
    observe(route, envID, code, seconds) {
      total.inc({ url: route, envID, code: String(code) });
      duration.observe({ url: route, envID }, seconds);
    },
  };
}
