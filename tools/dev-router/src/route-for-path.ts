/** The two SDK-facing services behind the one base URL. */
export type RouteTarget = 'sse-fanout' | 'sdk-gateway';

/**
 * The routing rule of spec/sdk-api.md §1: a request whose path is exactly `/stream` (any method, any
 * query string) goes to sse-fanout, every other request to sdk-gateway. `url` is the request target as
 * received (`/stream?cluster=1`).
 */
export function routeForPath(url: string): RouteTarget {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  return path === '/stream' ? 'sse-fanout' : 'sdk-gateway';
}
