import type { ServerResponse } from 'node:http';

/** A response as a value, so a fault can decide how (or whether) it is written. */
export interface EmulatorResponse {
  status: number;
  /** JSON body; `undefined` = an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A SaaS-style error (the OpenAPI `Error` of spec/saas-api.md §8.6). */
export function saasError(status: number, message: string): EmulatorResponse {
  return { status, body: { code: String(status), message } };
}

/** An admin API error: `{"error": "..."}`. */
export function adminError(status: number, message: string): EmulatorResponse {
  return { status, body: { error: message } };
}

/** The body that `malformed` faults answer: starts like JSON, is not JSON. */
export const MALFORMED_BODY = '{"malformed": tru';

/**
 * Writes `response`. `drop` sends the status line, headers (with the full `Content-Length`) and half of
 * the body, then destroys the socket; an empty body is dropped before any byte. `malformed` answers 200
 * with {@link MALFORMED_BODY} instead. Nothing is written to a response that is already gone.
 */
export function writeResponse(res: ServerResponse, response: EmulatorResponse, mode?: 'drop' | 'malformed'): void {
  if (res.destroyed || res.writableEnded) return;
  const text = mode === 'malformed' ? MALFORMED_BODY : response.body === undefined ? '' : JSON.stringify(response.body);
  const bytes = Buffer.from(text, 'utf8');
  const headers: Record<string, string | number> = { ...response.headers };
  if (response.status !== 204 || mode !== undefined) headers['Content-Length'] = bytes.length;
  if (text !== '') headers['Content-Type'] = 'application/json';
  if (mode === 'drop') {
    if (bytes.length === 0) {
      res.destroy();
      return;
    }
    res.writeHead(response.status, headers);
    res.write(bytes.subarray(0, Math.ceil(bytes.length / 2)), () => res.destroy());
    return;
  }
  res.writeHead(mode === 'malformed' ? 200 : response.status, headers);
  res.end(bytes);
}
