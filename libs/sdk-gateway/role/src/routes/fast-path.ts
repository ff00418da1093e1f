import type { IncomingMessage, ServerResponse } from 'node:http';
import { applicationIdOf, assignRequestId, parseQuery, sendJson, statusOf, type FastPath, type HttpMetrics } from '@relay/http';
import type { GatewayContext } from '../gateway-context';
import type { ResponseBody } from '../snapshots/environment-snapshot';
import { checkToken } from './authorize';
import { readFeatureConfig, readFeatureConfigs, readTargetSegment, readTargetSegments } from './config-routes';
import { harnessTargetOf, readEvaluation, readEvaluations } from './evaluation-routes';

/** A path segment the fast path takes as it is: no percent escape (nothing to decode) and no URL syntax. */
const SEGMENT = '([\\w.@~-]+)';
const ENV = `^/client/env/${SEGMENT}`;

/** One GET route of the fast path: its plainest spelling, its template (the `url` label), its body. */
interface FastRoute {
  pattern: RegExp;
  template: string;
  read(context: GatewayContext, params: string[], req: IncomingMessage, query: string): Promise<ResponseBody>;
}

const rulesOf = (query: string) => parseQuery(query)['rules'];
const evaluationRequest = (params: string[], req: IncomingMessage) => ({
  envId: params[0] as string,
  pathTarget: params[1] as string,
  harnessTarget: harnessTargetOf(req.headers),
});

/** The six snapshot-served GET routes (spec/sdk-api.md §4), lower case and without a trailing slash. */
const ROUTES: FastRoute[] = [
  {
    pattern: new RegExp(`${ENV}/feature-configs$`),
    template: '/client/env/:environment_uuid/feature-configs',
    read: (context, [envId]) => readFeatureConfigs(context, envId as string),
  },
  {
    pattern: new RegExp(`${ENV}/feature-configs/${SEGMENT}$`),
    template: '/client/env/:environment_uuid/feature-configs/:identifier',
    read: (context, [envId, identifier]) => readFeatureConfig(context, envId as string, identifier as string),
  },
  {
    pattern: new RegExp(`${ENV}/target-segments$`),
    template: '/client/env/:environment_uuid/target-segments',
    read: (context, [envId], _req, query) => readTargetSegments(context, envId as string, rulesOf(query)),
  },
  {
    pattern: new RegExp(`${ENV}/target-segments/${SEGMENT}$`),
    template: '/client/env/:environment_uuid/target-segments/:identifier',
    read: (context, [envId, identifier], _req, query) => readTargetSegment(context, envId as string, identifier as string, rulesOf(query)),
  },
  {
    pattern: new RegExp(`${ENV}/target/${SEGMENT}/evaluations$`),
    template: '/client/env/:environment_uuid/target/:target/evaluations',
    read: (context, params, req) => readEvaluations(context, evaluationRequest(params, req)),
  },
  {
    pattern: new RegExp(`${ENV}/target/${SEGMENT}/evaluations/${SEGMENT}$`),
    template: '/client/env/:environment_uuid/target/:target/evaluations/:feature',
    read: (context, params, req) => readEvaluation(context, evaluationRequest(params, req), params[2] as string),
  },
];

interface Matched {
  route: FastRoute;
  params: string[];
  query: string;
  startedAt: bigint;
}

function match(req: IncomingMessage): Matched | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const url = req.url ?? '';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  for (const route of ROUTES) {
    const found = route.pattern.exec(path);
    if (found) return { route, params: found.slice(1), query: queryAt === -1 ? '' : url.slice(queryAt + 1), startedAt: process.hrtime.bigint() };
  }
  return undefined;
}

/**
 * A plain `node:http` handler for the snapshot-served GET routes, tried before express (architecture.md,
 * Performance design): the same token checks, reads, headers (in the same order), bodies, error bodies,
 * request metrics and logs as the express routes, without the router and middleware chain. Any other
 * spelling (upper case, trailing slash, percent escapes, other characters) is left to express.
 */
export function createFastPath(context: GatewayContext, http: HttpMetrics): FastPath {
  const { logger } = context;

  async function serve(req: IncomingMessage, res: ServerResponse, matched: Matched): Promise<void> {
    // Same order as createApp: CORS, then the request id.
    res.setHeader('Access-Control-Allow-Origin', '*');
    const reqID = assignRequestId(req, res);
    const envId = matched.params[0] as string;
    let status = 200;
    let envID = '';
    let body: ResponseBody;
    try {
      if (await checkToken(context, envId, req.headers.authorization)) envID = envId;
      body = await matched.route.read(context, matched.params, req, matched.query);
    } catch (error) {
      status = statusOf(error);
      if (status === 500) logger.error('request failed', { reqID, path: req.url?.split('?')[0], err: error });
      body = JSON.stringify({ error: status === 500 ? 'internal error' : (error as Error).message });
    }
    const seconds = Number(process.hrtime.bigint() - matched.startedAt) / 1e9;
    http.observe({ code: status, envID, method: req.method ?? 'GET', url: matched.route.template, seconds });
    sendJson(res, status, body, req.method === 'HEAD');
    if (logger.isDebugEnabled()) {
      const fields = { reqID, appID: applicationIdOf(req), method: req.method, path: matched.route.template, status, took: seconds * 1000 };
      logger.debug('request', fields);
    }
  }

  return (req, res) => {
    const matched = match(req);
    if (!matched) return false;
    serve(req, res, matched).catch((error: unknown) => {
      logger.error('request failed', { err: error });
      res.destroy();
    });
    return true;
  };
}
