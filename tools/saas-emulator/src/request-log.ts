import type { RecordedRequest, RequestFilter } from './recorded-request';

/** The recorded SaaS requests (spec/saas-api.md §10.10). */
export interface RequestLog {
  record(request: RecordedRequest): void;
  /** Recorded requests matching `filter`, oldest first. */
  list(filter?: RequestFilter): RecordedRequest[];
  clear(): void;
}

/** Whether `request` matches every field `filter` gives. */
export function matchesRequestFilter(request: RecordedRequest, filter: RequestFilter): boolean {
  if (filter.path !== undefined && request.path !== filter.path) return false;
  if (filter.pathPrefix !== undefined && !request.path.startsWith(filter.pathPrefix)) return false;
  return filter.method === undefined || request.method === filter.method.toUpperCase();
}

/**
 * Creates a {@link RequestLog} keeping the newest `maxEntries` requests (default 10 000), so a demo that
 * runs for days does not grow without bound.
 */
export function createRequestLog(maxEntries = 10_000): RequestLog {
  let entries: RecordedRequest[] = [];
  return {
    record(request) {
      entries.push(request);
      if (entries.length > maxEntries) entries = entries.slice(entries.length - maxEntries);
    },
    list: (filter = {}) => entries.filter((request) => matchesRequestFilter(request, filter)),
    clear: () => {
      entries = [];
    },
  };
}
