import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '@relay/logging';
import type { HttpMetrics } from './http-metrics';
import { rawBodyOf } from './read-body';

const UNMEASURED = new Set(['/health', '/healthz', '/readyz']);

/** The route template of a matched request (`url` label), or `unmatched`. */
export function routeTemplateOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : 'unmatched';
}

/**
 * Observes every request when its response starts (for `/stream`: when accepted or refused) and writes
 * the DEBUG access-log line when it ends. `res.locals.envID` is set by roles once the environment check
 * passed; until then the label is `""`, so unauthenticated requests cannot create series.
 */
export function observeRequests(metrics: HttpMetrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const startedAt = process.hrtime.bigint();
    const measured = !UNMEASURED.has(req.path) && !(req.method === 'GET' && req.path === '/metrics');
    if (measured) {
      const writeHead = res.writeHead;
      res.writeHead = function observed(this: Response, ...args: unknown[]) {
        res.writeHead = writeHead;
        const length = req.method === 'POST' ? (Number(req.headers['content-length']) || rawBodyOf(req).length) : undefined;
        metrics.observe({
          code: res.statusCode,
          envID: typeof res.locals['envID'] === 'string' ? res.locals['envID'] : '',
          method: req.method,
          url: routeTemplateOf(req),
          seconds: Number(process.hrtime.bigint() - startedAt) / 1e9,
          postBytes: length,
        });
        return (writeHead as (...a: unknown[]) => Response).apply(this, args);
      } as Response['writeHead'];
    }
    if (logger.isDebugEnabled()) {
      res.on('finish', () => {
        const template = routeTemplateOf(req);
        logger.debug('request', {
          reqID: res.locals['reqID'],
          appID: res.locals['appID'],
          method: req.method,
          path: template === 'unmatched' ? req.path : template,
          status: res.statusCode,
          took: Number(process.hrtime.bigint() - startedAt) / 1e6,
        });
      });
    }
    next();
  };
}
