import type { ServerResponse } from 'node:http';
import { applicationIdOf, assignRequestId, createHttpMetrics, sendJson, statusOf, type FastPath } from '@relay/http';
import type { Logger } from '@relay/logging';
import type { Registry } from '@relay/metrics';
import { serveStream, type StreamEndpoint } from './authorize-stream';

/** Options of {@link createStreamFastPath}. */
export interface StreamFastPathOptions {
  endpoint: StreamEndpoint;
  /** The process registry: the same `ff_proxy_http_requests_*` series as `createApp` records. */
  registry: Registry;
  /** The `http` logger (`request failed`, the DEBUG access line). */
  logger: Logger;
}

const STREAM_URL = /^\/stream(?:\?|$)/;
const secondsSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Calls `observe` once, when the response head is written (accepted or refused), as `createApp` does. */
function observeAtHead(res: ServerResponse, observe: () => void): void {
  const writeHead = res.writeHead;
  res.writeHead = function observed(this: ServerResponse, ...args: unknown[]) {
    res.writeHead = writeHead;
    observe();
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}

/**
 * `GET /stream` without express, for the composition root to pass to `listen`/`serveRoles` as the fast
 * path: an accepted stream then holds no express request state (about 7 KiB per stream at 5 000 streams,
 * docs/adr/0006-sse-frames.md). It does what `createApp` does for that route — CORS header, request id,
 * the request metrics at response start with the token's environment, `{"error": …}` answers with the
 * statuses of `errorHandler`, the DEBUG access line — and `stream-fast-path.spec.ts` proves the bytes
 * equal. Every other request (other methods on `/stream` included) is left to express.
 */
export function createStreamFastPath(options: StreamFastPathOptions): FastPath {
  const { endpoint, logger } = options;
  const metrics = createHttpMetrics(options.registry);
  return (req, res) => {
    if (req.method !== 'GET' || !STREAM_URL.test(req.url ?? '')) return false;
    const startedAt = process.hrtime.bigint();
    let envID = '';
    res.setHeader('Access-Control-Allow-Origin', '*');
    const reqId = assignRequestId(req, res);
    const appId = applicationIdOf(req);
    observeAtHead(res, () =>
      metrics.observe({ code: res.statusCode, envID, method: 'GET', url: '/stream', seconds: secondsSince(startedAt) }),
    );
    if (logger.isDebugEnabled()) {
      res.on('finish', () =>
        logger.debug('request', {
          reqID: reqId,
          appID: appId,
          method: 'GET',
          path: '/stream',
          status: res.statusCode,
          took: secondsSince(startedAt) * 1000,
        }),
      );
    }
    serveStream(req, res, endpoint, { reqId, appId, onEnvironment: (envId) => (envID = envId) }).catch(
      (error: unknown) => {
        const status = statusOf(error);
        if (status === 500) logger.error('request failed', { reqID: reqId, path: '/stream', err: error });
        if (res.headersSent) return void res.destroy();
        sendJson(res, status, JSON.stringify({ error: status === 500 ? 'internal error' : (error as Error).message }));
      },
    );
    return true;
  };
}
