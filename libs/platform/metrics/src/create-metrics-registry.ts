import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** Options of {@link createMetricsRegistry}. */
export interface MetricsRegistryOptions {
  /** `service` label of `ff_proxy_build_info`. */
  service: string;
  /** `version` label of `ff_proxy_build_info`. */
  version: string;
}

/**
 * Creates the one Prometheus registry of a process (never prom-client's global one), with the default
 * `process_*`/`nodejs_*` metrics and `ff_proxy_build_info{service,version} 1` (spec/observability.md §1).
 */
export function createMetricsRegistry(options: MetricsRegistryOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const buildInfo = new Gauge({
    name: 'ff_proxy_build_info',
    help: 'Build information; always 1',
    labelNames: ['service', 'version'],
    registers: [registry],
  });
  buildInfo.set({ service: options.service, version: options.version }, 1);
  return registry;
}
