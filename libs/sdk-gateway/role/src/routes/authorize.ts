import type { Request, Response } from 'express';
import { AuthenticationError, NotFoundError } from '@relay/errors';
import type { GatewayContext } from '../gateway-context';

/** A path parameter of the matched route (express has decoded it; a malformed escape stays raw). */
export function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new NotFoundError('not found');
  return value;
}

/**
 * The token checks of spec/sdk-api.md §5.3 for a route with `{environment_uuid}`: checks 1–4 through the
 * replica's token gate (verified-token cache), then check 5, the path's environment is the token's.
 * Skipped entirely with `BYPASS_AUTH=true` (§5.4). Resolves true when the environment check ran and
 * passed (the path value may then label the request metrics), false when it was bypassed.
 */
export async function checkToken(context: GatewayContext, envId: string, authorization: string | undefined): Promise<boolean> {
  if (context.config.bypassAuth) return false;
  const identity = await context.replica.tokens.authenticate(authorization);
  if (identity.environment !== envId) {
    throw new AuthenticationError(`Environment ID [${identity.environment}] mismatch with requested ${envId}`);
  }
  return true;
}

/**
 * {@link checkToken} for an express request; returns the environment id of the path, which becomes
 * the `envID` label of the request metrics once the environment check passed.
 */
export async function authorize(context: GatewayContext, req: Request, res: Response): Promise<string> {
  const envId = pathParam(req, 'environment_uuid');
  if (await checkToken(context, envId, req.headers.authorization)) res.locals['envID'] = envId;
  return envId;
}

/** Whether the response carries no body (`HEAD` on a `GET` route, spec/sdk-api.md §3). */
export function isHead(req: Request): boolean {
  return req.method === 'HEAD';
}
