import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorFault } from './emulator-fault';
import { saasError, writeResponse, type EmulatorResponse } from './emulator-response';
import type { FaultTable } from './fault-table';
import type { RequestLog } from './request-log';
import { createSaasRoutes, findTokenKey, INVALID_TOKEN, type SaasRequest, type SaasRouteDeps } from './saas-routes';
import type { StreamHub } from './stream-hub';

/** What {@link createSaasRequestHandler} needs. */
export interface SaasRequestHandlerDeps extends SaasRouteDeps {
  hub: StreamHub;
  faults: FaultTable;
  requests: RequestLog;
  now(): number;
  /** Resolves `true` after `delayMs`, or `false` at once when the emulator closes. */
  sleep(delayMs: number): Promise<boolean>;
  /** Registers a request that a `silence` fault never answers, so closing the emulator can end it. */
  hold(res: ServerResponse): void;
}

/** One SaaS request: its URL and body already read. */
export interface IncomingSaasRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The body as text (`''` when empty). */
  rawBody: string;
}

function parseJson(text: string): { json: unknown; recorded: unknown } {
  if (text === '') return { json: undefined, recorded: undefined };
  try {
    const json: unknown = JSON.parse(text);
    return { json, recorded: json };
  } catch {
    return { json: undefined, recorded: text };
  }
}

function statusFault(fault: EmulatorFault): EmulatorResponse {
  const status = fault.status ?? 503;
  const retryAfter = fault.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  const response = saasError(status, 'fault injected by the SaaS emulator');
  return retryAfter === undefined ? response : { ...response, headers: { 'Retry-After': String(retryAfter) } };
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * Handles the SaaS API: records the request (spec/saas-api.md §10.10), applies the first fault in force
 * for the endpoint (§10.12), then answers as SaaS would.
 */
export function createSaasRequestHandler(
  deps: SaasRequestHandlerDeps,
): (incoming: IncomingSaasRequest) => Promise<void> {
  const routes = createSaasRoutes(deps);
  const streamPattern = /^\/api\/1\.0\/stream$/;

  return async ({ req, res, url, rawBody }) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const { json, recorded } = parseJson(rawBody);
    const query: Record<string, string | string[]> = {};
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      query[name] = values.length === 1 ? values[0]! : values;
    }
    deps.requests.record({ method, path, query, headers: { ...req.headers }, body: recorded, time: deps.now() });

    const isStream = method === 'GET' && streamPattern.test(path);
    const match = isStream ? undefined : findRoute(routes, method, path);
    if (!isStream && match === undefined) return writeResponse(res, saasError(404, `no route ${method} ${path}`));
    const fault = deps.faults.take(isStream ? 'stream' : match!.route.target);
    if (fault?.mode === 'status') return writeResponse(res, statusFault(fault));
    if (fault?.mode === 'delay' && !(await deps.sleep(fault.delayMs ?? 2000))) {
      res.destroy(); // the emulator closed meanwhile
      return;
    }
    if (fault?.mode === 'silence' && !isStream) return deps.hold(res);
    const request: SaasRequest = {
      path,
      query: url.searchParams,
      headers: req.headers,
      json,
      stale: fault?.mode === 'stale',
    };
    if (isStream) return openStream(deps, request, { req, res }, fault);
    const mode = fault?.mode === 'drop' || fault?.mode === 'malformed' ? fault.mode : undefined;
    writeResponse(res, match!.route.handle(request, match!.params), mode);
  };
}

function findRoute(routes: ReturnType<typeof createSaasRoutes>, method: string, path: string) {
  for (const route of routes) {
    const found = route.method === method ? route.pattern.exec(path) : null;
    if (found) return { route, params: found.slice(1).map(decode) };
  }
  return undefined;
}

/** `GET /stream`: token (401), then `API-Key` = the token's proxy key (403), then the stream (§5.2, §10.8). */
function openStream(
  deps: SaasRequestHandlerDeps,
  request: SaasRequest,
  { req, res }: Pick<IncomingSaasRequest, 'req' | 'res'>,
  fault: EmulatorFault | undefined,
): void {
  if (res.destroyed) return;
  const key = findTokenKey(deps, request.headers.authorization);
  if (key === undefined) return writeResponse(res, INVALID_TOKEN);
  if (request.headers['api-key'] !== key)
    return writeResponse(res, saasError(403, 'API-Key is not the proxy key of the token'));
  const mode =
    fault?.mode === 'drop' || fault?.mode === 'silence' || fault?.mode === 'malformed' ? fault.mode : undefined;
  deps.hub.open(key, req, res, mode);
}
