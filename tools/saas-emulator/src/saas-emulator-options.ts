import type { Logger } from '@relay/logging';
import type { EmulatorState } from './emulator-state';
import type { SaasEmulatorAdmin } from './saas-emulator-admin';

/** Options of `startSaasEmulator`; all optional. */
export interface SaasEmulatorOptions {
  /** TCP port; 0 (default) picks a free one. CLI `--port`, env `EMULATOR_PORT`. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Initial state, the shape of the `POST /admin/reset` body. Default empty. CLI `--seed <file>`, env `EMULATOR_SEED`. */
  state?: EmulatorState;
  /** Interval between `:` heartbeats on account streams, in ms. Default 15 000, minimum 100. CLI `--heartbeat-ms`. */
  heartbeatMs?: number;
  /** HS256 secret of the tokens, for deterministic tokens (spec/saas-api.md §10.13). Default: random per start. */
  jwtSecret?: string;
  /** The clock, Unix epoch ms: request times, token `iat`/`exp`, rotation buffers. Default `Date.now`. */
  now?: () => number;
  /** `account` claim of proxy tokens and `accountID` of SDK tokens. Default `acc-123`. */
  account?: string;
  /** `cluster_identifier` claim. Default `1`. */
  cluster?: string;
  /** `organization` claim. Default `org-1`. */
  organization?: string;
  /** Lifetime of proxy tokens in seconds; when set they carry `iat` and `exp` (to test refresh). Default: no `exp`. */
  tokenTtlSeconds?: number;
  /** Status `/proxy/auth` answers for an unknown, rotated-away or deleted key: 401 (default), 403 or 404. */
  rejectedKeyStatus?: 401 | 403 | 404;
  /** Log one `saas request` line per SaaS request (method, path, status) to `logger`, or stdout without one. Default false. */
  logRequests?: boolean;
  /** Where request lines and unexpected failures go. Default: request lines to stdout, nothing else. */
  logger?: Logger;
  /** How many recorded requests are kept (oldest dropped first). Default 10 000. */
  maxRecordedRequests?: number;
}

/** A running emulator. */
export interface SaasEmulator {
  /** The port it listens on. */
  port: number;
  /** `http://127.0.0.1:<port>` (the host when one other than a wildcard was given). */
  baseUrl: string;
  /** `CLIENT_SERVICE` for the proxy: `<baseUrl>/api/1.0`. */
  clientServiceUrl: string;
  /** `METRIC_SERVICE` for the proxy: the same as {@link clientServiceUrl}. */
  metricServiceUrl: string;
  /** The admin API client for this emulator. */
  admin: SaasEmulatorAdmin;
  /** Ends every open stream and held request, closes the server and resolves when no socket is left. Idempotent. */
  close(): Promise<void>;
}
