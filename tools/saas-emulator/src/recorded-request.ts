/** One request the emulator received on its SaaS API (spec/saas-api.md §10.10); admin calls are not recorded. */
export interface RecordedRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The path without query, e.g. `/api/1.0/proxy/config`. */
  path: string;
  /** Query parameters; a repeated parameter becomes an array. */
  query: Record<string, string | string[]>;
  /** Request headers with lower-case names, as Node parsed them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON; the raw text when it is not JSON; `undefined` when empty. */
  body: unknown;
  /** When it arrived: Unix epoch ms from the emulator's clock. */
  time: number;
}

/** Selects recorded requests; every given field must match. */
export interface RequestFilter {
  /** Exact path, e.g. `/api/1.0/proxy/auth`. */
  path?: string;
  /** Path prefix, e.g. `/api/1.0/metrics/`. */
  pathPrefix?: string;
  /** HTTP method, any case. */
  method?: string;
}
