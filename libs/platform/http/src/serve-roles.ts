import type { ServiceOptions, TlsOptions } from '@relay/config';
import type { ProcessContext, ServiceRole } from '@relay/lifecycle';
import { createApp } from './create-app';
import { listen, type FastPath, type HttpServerHandle } from './listen';
import { listenMetrics } from './metrics-server';

/** Options of {@link serveRoles}. */
export interface ServeRolesOptions {
  context: ProcessContext;
  roles: readonly ServiceRole[];
  options: ServiceOptions;
  tls?: TlsOptions;
  /** Body limit (env `MAX_REQUEST_BODY_BYTES`); default 4 MiB. */
  bodyLimitBytes?: number;
  fastPath?: FastPath;
  /** Interface to bind; default all. */
  host?: string;
}

/** Why the process is not ready: every role's reasons, plus `shutting down` once shutdown began. */
export function processReadiness(roles: readonly ServiceRole[], context: ProcessContext): () => string[] {
  return () => {
    const reasons = roles.flatMap((role) => role.notReadyReasons());
    if (context.resources.isClosing()) reasons.push('shutting down');
    return [...new Set(reasons)];
  };
}

/**
 * Serves the roles' routers on `PORT` (with `/healthz`, `/readyz` and, when `PROMETHEUS_PORT` = `PORT`,
 * `/metrics`), plus a dedicated metrics server otherwise; both are added to the resource stack.
 */
export async function serveRoles(opts: ServeRolesOptions): Promise<HttpServerHandle> {
  const { context, roles, options } = opts;
  const sharedPort = options.prometheusPort === options.port;
  const app = createApp({
    logger: context.logger.child({ component: 'http' }),
    registry: context.registry,
    routers: roles.flatMap((role) => (role.router ? [role.router] : [])),
    readiness: processReadiness(roles, context),
    bodyLimitBytes: opts.bodyLimitBytes,
    serveMetrics: sharedPort,
  });
  if (!sharedPort) {
    context.resources.add('metrics-http', await listenMetrics(context.registry, options.prometheusPort, context.logger));
  }
  return context.resources.add(
    'http',
    await listen(app, { port: options.port, host: opts.host, tls: opts.tls, logger: context.logger, fastPath: opts.fastPath }),
  );
}
