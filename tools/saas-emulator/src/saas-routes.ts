import type { IncomingHttpHeaders } from 'node:http';
import type { Segment } from '@relay/flag-model';
import { buildProxyConfigPage } from './build-proxy-config-page';
import type { FaultTarget } from './emulator-fault';
import { saasError, type EmulatorResponse } from './emulator-response';
import type { EmulatorStore } from './emulator-store';
import { isJsonObject } from './fill-clauses';
import type { ProxyTokens } from './proxy-tokens';

/** A SaaS API request as the route handlers see it. */
export interface SaasRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON; `undefined` when empty or not JSON. */
  json: unknown;
  /** Serve lists as they were before their last change (the `stale` fault). */
  stale: boolean;
}

/** A SaaS endpoint: its method, path pattern (groups = path parameters) and fault target. */
export interface SaasRoute {
  method: 'GET' | 'POST';
  pattern: RegExp;
  target: FaultTarget;
  handle(request: SaasRequest, params: string[]): EmulatorResponse;
}

/** What the SaaS routes need. */
export interface SaasRouteDeps {
  /** The current store (replaced by `POST /admin/reset`). */
  store(): EmulatorStore;
  tokens: ProxyTokens;
  account: string;
  cluster: string;
  organization: string;
  /** Status for a rejected proxy key at `/proxy/auth`: 401, 403 or 404. */
  rejectedKeyStatus: number;
}

/** The 401 answer to a missing, foreign, expired or revoked token. */
export const INVALID_TOKEN = saasError(401, 'invalid or expired token');

/**
 * The valid proxy key whose token is in `authorization` (`Bearer …`): the signature is ours, it has not
 * expired, and the key it was issued for is neither deleted nor rotated away.
 */
export function findTokenKey(deps: SaasRouteDeps, authorization: string | undefined): string | undefined {
  const hash = deps.tokens.verify(authorization);
  return hash === undefined ? undefined : deps.store().keys.findByHash(hash);
}

function readPaging(query: URLSearchParams): { pageNumber: number; pageSize: number } | undefined {
  const pageNumber = Number(query.get('pageNumber') ?? '0');
  const pageSize = Number(query.get('pageSize') ?? '10');
  if (!Number.isInteger(pageNumber) || pageNumber < 0 || !Number.isInteger(pageSize) || pageSize < 1) return undefined;
  return { pageNumber, pageSize };
}

/** Legacy list answer without `rules=v2`: segments without `servingRules` (spec/saas-api.md §10.9). */
const withoutServingRules = (segment: Segment): Segment => {
  const { servingRules: _servingRules, ...legacy } = segment;
  return legacy as Segment;
};

/** The SaaS endpoints of spec/saas-api.md §10.1 except `/stream`. */
export function createSaasRoutes(deps: SaasRouteDeps): SaasRoute[] {
  const tokenKey = (request: SaasRequest) => findTokenKey(deps, request.headers.authorization);
  /** Token (401), then scope (403), then existence (404) of the `{env}` path parameter (§10.7). */
  const environmentAccess = (request: SaasRequest, environmentId: string): EmulatorResponse | undefined => {
    const key = tokenKey(request);
    if (key === undefined) return INVALID_TOKEN;
    if (!deps.store().keys.scope(key).includes(environmentId))
      return saasError(403, 'environment not allowed for this key');
    return deps.store().environment(environmentId) === undefined ? saasError(404, 'environment not found') : undefined;
  };
  const api = (path: string) => new RegExp(`^/api/1\\.0${path}$`);

  return [
    {
      method: 'POST',
      pattern: api('/proxy/auth'),
      target: 'proxy-auth',
      handle(request) {
        const proxyKey = isJsonObject(request.json) ? request.json['proxyKey'] : undefined;
        if (typeof proxyKey !== 'string') return saasError(400, 'proxyKey is required');
        const store = deps.store();
        if (!store.keys.isValid(proxyKey)) return saasError(deps.rejectedKeyStatus, 'invalid proxy key');
        const environments = store.visibleEnvironments(proxyKey).map(({ id }) => id);
        return { status: 200, body: { authToken: deps.tokens.issue(proxyKey, environments) } };
      },
    },
    {
      method: 'GET',
      pattern: api('/proxy/config'),
      target: 'proxy-config',
      handle(request) {
        const key = tokenKey(request);
        if (key === undefined) return INVALID_TOKEN;
        if (request.query.get('key') !== key) return saasError(403, 'invalid proxy key');
        const paging = readPaging(request.query);
        if (paging === undefined) return saasError(400, 'pageNumber must be an integer ≥ 0 and pageSize ≥ 1');
        const environment = request.query.get('environment') ?? undefined;
        return {
          status: 200,
          body: buildProxyConfigPage(deps.store(), key, { ...paging, environment, stale: request.stale }),
        };
      },
    },
    {
      method: 'GET',
      pattern: api('/client/env/([^/]+)/feature-configs'),
      target: 'feature-configs',
      handle(request, [environmentId = '']) {
        return (
          environmentAccess(request, environmentId) ?? {
            status: 200,
            body: deps.store().flags(environmentId, request.stale),
          }
        );
      },
    },
    {
      method: 'GET',
      pattern: api('/client/env/([^/]+)/target-segments'),
      target: 'target-segments',
      handle(request, [environmentId = '']) {
        const denied = environmentAccess(request, environmentId);
        if (denied !== undefined) return denied;
        const segments = deps.store().segments(environmentId, request.stale);
        return {
          status: 200,
          body: request.query.get('rules') === 'v2' ? segments : segments.map(withoutServingRules),
        };
      },
    },
    {
      method: 'POST',
      pattern: api('/client/auth'),
      target: 'client-auth',
      handle(request) {
        const apiKey = isJsonObject(request.json) ? request.json['apiKey'] : undefined;
        if (typeof apiKey !== 'string' || apiKey === '') return saasError(400, 'apiKey is required');
        const environment = deps.store().findSdkKey(apiKey);
        if (environment === undefined) return saasError(401, 'invalid SDK key');
        const authToken = deps.tokens.sign({
          environment: environment.id,
          environmentIdentifier: environment.identifier,
          project: environment.project,
          clusterIdentifier: deps.cluster,
          accountID: deps.account,
          organization: deps.organization,
        });
        return { status: 200, body: { authToken } };
      },
    },
    {
      method: 'POST',
      pattern: api('/metrics/([^/]+)'),
      target: 'metrics',
      handle(request, [environmentId = '']) {
        const denied = environmentAccess(request, environmentId);
        if (denied !== undefined) return denied;
        return isJsonObject(request.json) ? { status: 200 } : saasError(400, 'body must be a JSON object');
      },
    },
  ];
}
