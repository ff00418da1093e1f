import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { ForbiddenError, InputError, MethodNotAllowedError, NotFoundError, NotReadyError } from '@relay/errors';
import { sha256hex } from '@relay/redis-contract';
import type { ReplicaState } from '@relay/replica';
import type { StreamIdentity } from './sse-connection';

/** 400 body when `API-Key` is missing or empty (spec/sdk-api.md §10). */
export const API_KEY_EMPTY = "bad request: API-Key can't be empty";
/** 503 body before the first sync (spec/sdk-api.md §8.1 check 3). */
export const NEVER_SYNCED = 'proxy has not synced with Harness yet: streaming endpoint disabled';
/** 404 body for an unknown SDK key (spec/sdk-api.md §8.1 check 4). */
export const UNKNOWN_API_KEY = 'not found: no environment found for API-Key';
/** 403 body for an SDK key of another environment (spec/sdk-api.md §8.1 check 5, decision 12). */
export const FOREIGN_API_KEY = "API-Key does not belong to the token's environment";
/** 503 body for a stream requested after shutdown began. */
export const SHUTTING_DOWN = 'shutting down';

/** Options of {@link createStreamRouter}. */
export interface StreamRouterOptions {
  replica: ReplicaState;
  /** `BYPASS_AUTH`: no token checks, the environment comes from `API-Key` alone (spec/sdk-api.md §5.4). */
  bypassAuth: boolean;
  /** True once graceful shutdown began: new streams are refused. */
  isClosing(): boolean;
  /** Opens the stream of an authorised request; runs after every check passed. */
  accept(req: IncomingMessage, res: ServerResponse, identity: StreamIdentity): Promise<void>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The checks of spec/sdk-api.md §8.1, in order: token checks 1–4 (401), `API-Key` (400), never synced
 * (503), unknown key (404; Redis error 500), key of another environment (403). `res.locals.envID` is set
 * once the token checks passed, for `ff_proxy_http_requests_total` (spec/observability.md §2.1).
 */
async function authorize(req: Request, res: Response, options: StreamRouterOptions): Promise<StreamIdentity> {
  const { replica } = options;
  const { locals } = res;
  const token = options.bypassAuth ? undefined : await replica.tokens.authenticate(header(req, 'authorization'));
  if (token) locals['envID'] = token.environment;
  const apiKey = header(req, 'api-key');
  if (!apiKey) throw new InputError(API_KEY_EMPTY);
  if (!replica.configStatus.hasSynced()) throw new NotReadyError(NEVER_SYNCED);
  const sdkKeyHash = sha256hex(apiKey);
  const envId = await replica.tokens.lookupSdkKey(sdkKeyHash);
  if (envId === undefined) throw new NotFoundError(UNKNOWN_API_KEY);
  if (token && token.environment !== envId) throw new ForbiddenError(FOREIGN_API_KEY);
  locals['envID'] = envId;
  return {
    envId,
    sdkKeyHash,
    tokenApiKey: token?.apiKey,
    reqId: String(locals['reqID'] ?? ''),
    appId: String(locals['appID'] ?? 'unknown'),
  };
}

/**
 * `/stream` (spec/sdk-api.md §1, §8): exactly that path; `GET` opens a stream, `OPTIONS` is answered by
 * `createApp` before routing, every other method gets 405 with `Allow: GET, OPTIONS`.
 */
export function createStreamRouter(options: StreamRouterOptions): Router {
  const router = Router({ strict: true, caseSensitive: true });
  router.all('/stream', (req, res, next) => {
    if (req.method !== 'GET') return next(new MethodNotAllowedError(['GET', 'OPTIONS']));
    if (options.isClosing()) return next(new NotReadyError(SHUTTING_DOWN));
    authorize(req, res, options)
      .then((identity) => options.accept(req, res, identity))
      .catch(next);
  });
  return router;
}
