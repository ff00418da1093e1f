import express, { type Express, type Router } from 'express';
import type { Logger } from '@relay/logging';
import type { Registry } from 'prom-client';
import { NotFoundError } from '@relay/errors';
import { cors } from './cors';
import { errorHandler, sendJson } from './error-handler';
import { createHttpMetrics } from './http-metrics';
import { observeRequests } from './observe-requests';
import { readBody } from './read-body';
import { applicationIdOf, assignRequestId } from './request-id';
import { parseQuery, safePathDecoding } from './safe-path-decoding';

/** Options of {@link createApp}. */
export interface AppOptions {
  logger: Logger;
  /** The process registry, served on `GET /metrics` when `serveMetrics` is true. */
  registry: Registry;
  /** Role routers, in matching order. */
  routers: Router[];
  /** Why the process is not ready (`/readyz`); empty when ready. */
  readiness: () => string[];
  /** Request body limit in bytes (env `MAX_REQUEST_BODY_BYTES`). Default 4 194 304. */
  bodyLimitBytes?: number;
  /** Serve `GET /metrics` here (`PROMETHEUS_PORT` = `PORT`). Default true. */
  serveMetrics?: boolean;
}

/**
 * Builds the express app of a process. The one place that orders middleware: CORS and preflight,
 * request id, `/healthz`, `/readyz`, `/metrics`, body limit, request metrics, the role routers, 404,
 * and the error handler. Does no I/O and never listens, so tests call it directly.
 */
export function createApp(options: AppOptions): Express {
  const { logger, registry } = options;
  const app = express();
  app.set('etag', false);
  app.set('query parser', parseQuery);
  app.disable('x-powered-by');

  app.use(cors());
  app.use((req, res, next) => {
    res.locals['reqID'] = assignRequestId(req, res);
    res.locals['appID'] = applicationIdOf(req);
    next();
  });
  app.get('/healthz', (_req, res) => sendJson(res, 200, '{"status":"ok"}'));
  app.get('/readyz', (_req, res) => {
    const reasons = options.readiness();
    if (reasons.length === 0) sendJson(res, 200, '{"status":"ready"}');
    else sendJson(res, 503, JSON.stringify({ status: 'not ready', reasons }));
  });
  if (options.serveMetrics ?? true) {
    app.get('/metrics', async (_req, res) => {
      res.setHeader('Content-Type', registry.contentType);
      res.end(await registry.metrics());
    });
  }
  app.use(safePathDecoding());
  app.use(observeRequests(createHttpMetrics(registry), logger));
  app.use(readBody(options.bodyLimitBytes ?? 4_194_304));
  for (const router of options.routers) app.use(router);
  app.use((_req, _res, next) => next(new NotFoundError('not found')));
  app.use(errorHandler(logger));
  return app;
}
