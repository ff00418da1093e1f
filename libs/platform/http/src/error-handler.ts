import type { ErrorRequestHandler } from 'express';
import {
  AuthenticationError,
  ForbiddenError,
  InputError,
  MethodNotAllowedError,
  NotFoundError,
  NotReadyError,
  PayloadTooLargeError,
} from '@relay/errors';
import type { Logger } from '@relay/logging';

const STATUS: [new (...args: never[]) => Error, number][] = [
  [InputError, 400],
  [AuthenticationError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [MethodNotAllowedError, 405],
  [PayloadTooLargeError, 413],
  [NotReadyError, 503],
];

/** The HTTP status for an error: the table above, 500 for anything else. */
export function statusOf(error: unknown): number {
  return STATUS.find(([type]) => error instanceof type)?.[1] ?? 500;
}

/**
 * The one place that turns errors into responses: always `{"error": "<message>"}`. Typed errors keep
 * their message; anything else is a 500 `internal error`, logged at ERROR with its cause.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = statusOf(error);
    if (status === 500) {
      logger.error('request failed', { reqID: res.locals['reqID'], path: req.path, err: error });
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allow.join(', '));
    const message = status === 500 ? 'internal error' : (error as Error).message;
    sendJson(res, status, JSON.stringify({ error: message }));
  };
}

/** Minimal response surface shared by express and plain `node:http` responses. */
interface JsonResponse {
  statusCode: number;
  setHeader(name: string, value: string | number): unknown;
  end(body?: string | Buffer): unknown;
}

/** Sends `body` (JSON text or bytes) with `Content-Type: application/json; charset=utf-8`. */
export function sendJson(res: JsonResponse, status: number, body: string | Buffer, head = false): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  res.end(head ? undefined : body);
}
