import type { RequestHandler } from 'express';

function protectSegment(segment: string): string {
  try {
    decodeURIComponent(segment);
    return segment;
  } catch {
    return segment.replace(/%/g, '%25');
  }
}

/**
 * Path parameters are percent-decoded, and a segment with a malformed escape stays as it was
 * (spec/sdk-api.md §3): such segments get their `%` escaped, so the router's own decoding yields the
 * raw segment instead of answering 400 before authentication.
 */
export function safePathDecoding(): RequestHandler {
  return (req, _res, next) => {
    const queryAt = req.url.indexOf('?');
    const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
    if (path.includes('%')) {
      req.url = path.split('/').map(protectSegment).join('/') + (queryAt === -1 ? '' : req.url.slice(queryAt));
    }
    next();
  };
}

/** Query strings treat `;` like `&` (Go parity, spec/sdk-api.md §3). */
export function parseQuery(query: string | null | undefined): Record<string, string> {
  const params = new URLSearchParams((query ?? '').replace(/;/g, '&'));
  const result: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in result)) result[key] = value;
  return result;
}
