import { redactConfig, type ServiceOptions } from '@relay/config';
import { createLogger, type Logger } from '@relay/logging';
import { createMetricsRegistry, type Registry } from '@relay/metrics';
import { createInstanceId } from './instance-id';
import { PRODUCT_VERSION } from './product-version';
import { createResourceStack, type ResourceStack } from './resource-stack';

/** What every composition root creates first. */
export interface ProcessContext {
  instanceId: string;
  logger: Logger;
  registry: Registry;
  resources: ResourceStack;
}

/** Options of {@link createProcessContext}. */
export interface ProcessContextOptions {
  /** `service` log field and `ff_proxy_build_info` label. */
  service: string;
  options: ServiceOptions;
  /** Warnings collected while reading the configuration. */
  warnings: readonly string[];
  /** The effective configuration, logged redacted. */
  config: Record<string, unknown>;
}

/**
 * Creates the logger, the process registry and the resource stack, then logs `configuration loaded`
 * (secrets redacted) and one `configuration warning` line per warning.
 */
export function createProcessContext({ service, options, warnings, config }: ProcessContextOptions): ProcessContext {
  const instanceId = createInstanceId();
  const logger = createLogger({ service, level: options.logLevel, instance: instanceId, version: PRODUCT_VERSION });
  const registry = createMetricsRegistry({ service, version: PRODUCT_VERSION });
  logger.info('configuration loaded', { config: redactConfig({ ...options, ...config }) });
  for (const warning of warnings) logger.warn('configuration warning', { detail: warning });
  return { instanceId, logger, registry, resources: createResourceStack(logger) };
}
