import type { RequestHandler } from 'express';

/** Headers of a CORS preflight answer (spec/sdk-api.md §3). */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET,OPTIONS,POST',
  'Access-Control-Allow-Headers': '*, Authorization',
  'Access-Control-Max-Age': '86400',
  Vary: 'Origin, Access-Control-Request-Headers',
};

/** `Access-Control-Allow-Origin: *` on every response; every `OPTIONS` is answered 204 before routing. */
export function cors(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method !== 'OPTIONS') return next();
    for (const [name, value] of Object.entries(PREFLIGHT_HEADERS)) res.setHeader(name, value);
    res.statusCode = 204;
    res.end();
  };
}
