import type { IncomingMessage, ServerResponse } from 'node:http';
import { applicationIdOf, assignRequestId, parseQuery, sendJson, statusOf, type FastPath, type HttpMetrics } from '@relay/http';
import type { GatewayContext } from '../gateway-context';
import type { ResponseBody } from '../snapshots/environment-snapshot';
import { readFeatureConfigs, readTargetSegments } from './config-routes';
import { checkToken } from './authorize';

/**
 * The two polled list routes in their plainest spelling: lower case, no trailing slash, no percent
 * escape (so the path value needs no decoding). Every other spelling goes to express.
 */
const LIST_ROUTE = /^\/client\/env\/([^/%]+)\/(feature-configs|target-segments)$/;
const TEMPLATES = {
  'feature-configs': '/client/env/:environment_uuid/feature-configs',
  'target-segments': '/client/env/:environment_uuid/target-segments',
} as const;

interface ListRequest {
  envId: string;
  route: keyof typeof TEMPLATES;
  query: string;
  startedAt: bigint;
}

function errorBody(error: unknown, status: number): string {
  return JSON.stringify({ error: status === 500 ? 'internal error' : (error as Error).message });
}

/**
 * A plain `node:http` handler for `GET`/`HEAD …/feature-configs` and `…/target-segments`, tried before
 * express (architecture.md, Performance design): the same token checks, snapshot reads, headers (in the
 * same order), bodies, error bodies, request metrics and logs as the express route, without the
 * router and middleware chain. Anything it does not recognise is left to express.
 */
export function createListFastPath(context: GatewayContext, http: HttpMetrics): FastPath {
  const { logger } = context;

  async function serve(req: IncomingMessage, res: ServerResponse, request: ListRequest): Promise<void> {
    // Same order as createApp: CORS, then the request id.
    res.setHeader('Access-Control-Allow-Origin', '*');
    const reqID = assignRequestId(req, res);
    let status = 200;
    let envID = '';
    let body: ResponseBody;
    try {
      if (await checkToken(context, request.envId, req.headers.authorization)) envID = request.envId;
      body =
        request.route === 'feature-configs'
          ? await readFeatureConfigs(context, request.envId)
          : await readTargetSegments(context, request.envId, parseQuery(request.query)['rules']);
    } catch (error) {
      status = statusOf(error);
      if (status === 500) logger.error('request failed', { reqID, path: req.url?.split('?')[0], err: error });
      body = errorBody(error, status);
    }
    const seconds = Number(process.hrtime.bigint() - request.startedAt) / 1e9;
    http.observe({ code: status, envID, method: req.method ?? 'GET', url: TEMPLATES[request.route], seconds });
    sendJson(res, status, body, req.method === 'HEAD');
    if (logger.isDebugEnabled()) {
      logger.debug('request', { reqID, appID: applicationIdOf(req), method: req.method, path: TEMPLATES[request.route], status, took: seconds * 1000 });
    }
  }

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    const match = LIST_ROUTE.exec(queryAt === -1 ? url : url.slice(0, queryAt));
    if (!match) return false;
    const request: ListRequest = {
      envId: match[1] as string,
      route: match[2] as ListRequest['route'],
      query: queryAt === -1 ? '' : url.slice(queryAt + 1),
      startedAt: process.hrtime.bigint(),
    };
    serve(req, res, request).catch((error: unknown) => {
      logger.error('request failed', { err: error });
      res.destroy();
    });
    return true;
  };
}
