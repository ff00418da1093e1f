import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { InputError, PayloadTooLargeError } from '@relay/errors';

const NO_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request body as read by {@link readBody}; empty for methods without one. */
export function rawBodyOf(req: IncomingMessage): Buffer {
  return (req as IncomingMessage & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
}

/**
 * Reads the whole request body into `req.rawBody`, refusing more than `limitBytes` with 413 — from
 * `Content-Length` before reading, or once more bytes arrived (spec/sdk-api.md §3). The
 * `Content-Type` is not looked at.
 */
export function readBody(limitBytes: number): RequestHandler {
  return (req, _res, next) => {
    if (NO_BODY.has(req.method)) return next();
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) return next(new PayloadTooLargeError('request body too large'));
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limitBytes) {
        failed = true;
        req.pause();
        return next(new PayloadTooLargeError('request body too large'));
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.concat(chunks);
      next();
    });
    req.on('error', (error) => {
      if (!failed) next(error);
      failed = true;
    });
  };
}

/**
 * Parses the body as a JSON object whatever the `Content-Type`, with the 400 messages of
 * spec/sdk-api.md §10.
 */
export function parseJsonObjectBody(req: IncomingMessage): Record<string, unknown> {
  const text = rawBodyOf(req).toString('utf8');
  if (text.trim() === '') throw new InputError('bad request: request body cannot be empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError('bad request: request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('bad request: request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
