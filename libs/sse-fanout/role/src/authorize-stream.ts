import type { IncomingMessage, ServerResponse } from 'node:http';
import { ForbiddenError, InputError, NotFoundError, NotReadyError } from '@relay/errors';
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

/** What both entry points of `/stream` (the express router and the fast path) share. */
export interface StreamEndpoint {
  replica: ReplicaState;
  /** `BYPASS_AUTH`: no token checks, the environment comes from `API-Key` alone (spec/sdk-api.md §5.4). */
  bypassAuth: boolean;
  /** True once graceful shutdown began: new streams are refused. */
  isClosing(): boolean;
  /** Opens the stream of an authorised request; runs after every check passed. */
  accept(req: IncomingMessage, res: ServerResponse, identity: StreamIdentity): Promise<void>;
}

/** The request as the HTTP layer identified it. */
export interface StreamRequestContext {
  reqId: string;
  appId: string;
  /** Told the environment once the token checks passed (the `envID` label of the request metrics). */
  onEnvironment(envId: string): void;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The checks of spec/sdk-api.md §8.1, in order: token checks 1–4 (401), `API-Key` (400), never synced
 * (503), unknown key (404; Redis error 500), key of another environment (403, skipped with
 * `BYPASS_AUTH`). Failures reject with the typed errors of `@relay/errors`.
 */
export async function authorizeStream(
  req: IncomingMessage,
  endpoint: StreamEndpoint,
  context: StreamRequestContext,
): Promise<StreamIdentity> {
  const { replica } = endpoint;
  const token = endpoint.bypassAuth ? undefined : await replica.tokens.authenticate(header(req, 'authorization'));
  if (token) context.onEnvironment(token.environment);
  const apiKey = header(req, 'api-key');
  if (!apiKey) throw new InputError(API_KEY_EMPTY);
  if (!replica.configStatus.hasSynced()) throw new NotReadyError(NEVER_SYNCED);
  const sdkKeyHash = sha256hex(apiKey);
  const envId = await replica.tokens.lookupSdkKey(sdkKeyHash);
  if (envId === undefined) throw new NotFoundError(UNKNOWN_API_KEY);
  if (token && token.environment !== envId) throw new ForbiddenError(FOREIGN_API_KEY);
  context.onEnvironment(envId);
  return { envId, sdkKeyHash, tokenApiKey: token?.apiKey, reqId: context.reqId, appId: context.appId };
}

/** Refuses new streams during shutdown, authorises, then accepts: `GET /stream` from either entry point. */
export async function serveStream(
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: StreamEndpoint,
  context: StreamRequestContext,
): Promise<void> {
  if (endpoint.isClosing()) throw new NotReadyError(SHUTTING_DOWN);
  const identity = await authorizeStream(req, endpoint, context);
  await endpoint.accept(req, res, identity);
}
