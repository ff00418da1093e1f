import { Router } from 'express';
import { MethodNotAllowedError } from '@relay/errors';
import { serveStream, type StreamEndpoint } from './authorize-stream';

/** Methods `/stream` answers (`Allow` of its 405, spec/sdk-api.md §1). */
export const STREAM_METHODS = ['GET', 'OPTIONS'] as const;

/**
 * `/stream` through `createApp` (spec/sdk-api.md §1, §8): exactly that path; `GET` opens a stream,
 * `OPTIONS` is answered by `createApp` before routing, every other method gets 405 with
 * `Allow: GET, OPTIONS`. `res.locals.envID` is set once the token checks passed, for
 * `ff_proxy_http_requests_total` (spec/observability.md §2.1).
 */
export function createStreamRouter(endpoint: StreamEndpoint): Router {
  const router = Router({ strict: true, caseSensitive: true });
  router.all('/stream', (req, res, next) => {
    if (req.method !== 'GET') return next(new MethodNotAllowedError(STREAM_METHODS));
    const context = {
      reqId: String(res.locals['reqID'] ?? ''),
      appId: String(res.locals['appID'] ?? 'unknown'),
      onEnvironment: (envId: string) => (res.locals['envID'] = envId),
    };
    serveStream(req, res, endpoint, context).catch(next);
  });
  return router;
}
