import type { ServerResponse } from 'node:http';
import { InputError, NotFoundError } from '@relay/errors';
import type { Logger } from '@relay/logging';
import type { AdminRouteDeps } from './admin-route';
import { createAdminRoutes } from './admin-routes';
import { ConflictError } from './conflict-error';
import { adminError, writeResponse, type EmulatorResponse } from './emulator-response';

/** One admin request: method, URL and body text already read. */
export interface IncomingAdminRequest {
  method: string;
  url: URL;
  rawBody: string;
  res: ServerResponse;
}

/** What the admin handler needs: the route deps and a logger for unexpected failures. */
export interface AdminRequestHandlerDeps extends AdminRouteDeps {
  logger?: Logger;
}

/** The answer to a failed admin call: 400, 404 or 409 for expected errors, 500 (logged) for anything else. */
function errorResponse(error: unknown, logger: Logger | undefined): EmulatorResponse {
  if (error instanceof InputError) return adminError(400, error.message);
  if (error instanceof NotFoundError) return adminError(404, error.message);
  if (error instanceof ConflictError) return adminError(409, error.message);
  logger?.error('admin request failed', { err: error });
  return adminError(500, error instanceof Error ? error.message : 'internal error');
}

function parseBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw new InputError('body is not valid JSON');
  }
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InputError(`bad percent-encoding in path: ${segment}`);
  }
};

/**
 * Handles `/admin/*` (spec/saas-api.md §10.11, §10.12): JSON in and out; bad input → 400 `{"error": …}`,
 * unknown things → 404, conflicts → 409; never throws.
 */
export function createAdminRequestHandler(deps: AdminRequestHandlerDeps): (incoming: IncomingAdminRequest) => void {
  const routes = createAdminRoutes(deps);
  return ({ method, url, rawBody, res }) => {
    const path = url.pathname.replace(/\/+$/, '');
    const matching = routes
      .map((route) => ({ route, found: route.pattern.exec(path) }))
      .filter((m) => m.found !== null);
    const match = matching.find((m) => m.route.method === method);
    if (match === undefined) {
      const status = matching.length === 0 ? 404 : 405;
      return writeResponse(res, adminError(status, `no admin route ${method} ${url.pathname}`));
    }
    let response: EmulatorResponse;
    try {
      const params = match.found!.slice(1).map(decode);
      response = match.route.handle({ params, body: parseBody(rawBody), query: url.searchParams });
    } catch (error) {
      response = errorResponse(error, deps.logger);
    }
    writeResponse(res, response);
  };
}
