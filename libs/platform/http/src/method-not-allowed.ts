import type { RequestHandler } from 'express';
import { MethodNotAllowedError } from '@relay/errors';

/** Route handler for a known path reached with another method: 405 with `Allow` (spec/sdk-api.md §3). */
export function methodNotAllowed(allow: readonly string[]): RequestHandler {
  return (_req, _res, next) => next(new MethodNotAllowedError(allow));
}
