import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request id: `X-Request-Id` when present and non-empty, else a new UUID v4 (spec/sdk-api.md §3). */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && value !== '' ? value : randomUUID();
}

/** The SDK application id for logs: `Harness-SDK-ApplicationID`, default `unknown`. */
export function applicationIdOf(req: IncomingMessage): string {
  const header = req.headers['harness-sdk-applicationid'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && value !== '' ? value : 'unknown';
}

/** Sets the `X-Request-Id` response header and returns the id. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdOf(req);
  res.setHeader('X-Request-Id', id);
  return id;
}
