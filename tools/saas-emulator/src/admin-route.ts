import type { EmulatorResponse } from './emulator-response';
import type { EmulatorStore } from './emulator-store';
import type { FaultTable } from './fault-table';
import type { RequestLog } from './request-log';
import type { StreamHub } from './stream-hub';

/** An admin request as a route handler sees it. */
export interface AdminRequest {
  /** Decoded path parameters. */
  params: string[];
  /** The parsed JSON body (`undefined` when empty). */
  body: unknown;
  query: URLSearchParams;
}

/** An admin endpoint (spec/saas-api.md §10.11, §10.12). */
export interface AdminRoute {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  pattern: RegExp;
  handle(request: AdminRequest): EmulatorResponse;
}

/** What the admin routes need. */
export interface AdminRouteDeps {
  store(): EmulatorStore;
  /** Replaces the whole state (`POST /admin/reset`); an invalid state is an `InputError` and changes nothing. */
  reset(state: unknown): void;
  hub: StreamHub;
  faults: FaultTable;
  requests: RequestLog;
}

/** The pattern of an admin path (groups = path parameters). */
export const adminPath = (path: string): RegExp => new RegExp(`^/admin${path}$`);
/** The 200 (with a body) or 204 answer of an admin call. */
export const adminOk = (body?: unknown): EmulatorResponse =>
  body === undefined ? { status: 204 } : { status: 200, body };
