/** Why an account stream ended (spec/saas-api.md §5.4). */
export type SaasStreamEnd =
  | { reason: 'eof' }
  | { reason: 'read timeout' }
  | { reason: 'status'; status: number }
  | { reason: 'error'; error: unknown }
  | { reason: 'closed' };

/** One complete block of the account stream. */
export interface SaasStreamBlock {
  /** Joined `data:` lines; `undefined` for a comment or heartbeat. */
  data: string | undefined;
  id: string | undefined;
}

/** Options of {@link SaasPort.runStream}. */
export interface SaasStreamOptions {
  /** The last `id:` seen, sent as `Last-Event-ID`. */
  lastEventId: string | undefined;
  /** No byte for this long ends the stream (`SAAS_STREAM_READ_TIMEOUT`). */
  readTimeoutMs: number;
  signal: AbortSignal;
  onConnected(): void;
  onBlock(block: SaasStreamBlock): void;
  onOversize(): void;
}

/**
 * What saas-sync needs from SaaS (spec/saas-api.md §2–5), for one proxy key. Satisfied by
 * `createSaasApi` of `@relay/saas-client`. Failures reject with a `DependencyError` whose `dependency`
 * is `saas` and `status` the HTTP status when one arrived.
 */
export interface SaasPort {
  /** `POST /proxy/auth` now; a 401/403/404 means the proxy key was rejected. */
  authenticate(): Promise<void>;
  /** The `account` claim of the current token, when known. */
  accountId(): string | undefined;
  /** One raw `/proxy/config` page (page size 10). */
  proxyConfigPage(pageNumber: number, environment?: string): Promise<unknown>;
  /** Raw `GET /client/env/{envID}/feature-configs`. */
  featureConfigs(envId: string): Promise<unknown>;
  /** Raw `GET /client/env/{envID}/target-segments?rules=v2`. */
  targetSegments(envId: string): Promise<unknown>;
  /** Runs the account stream until it ends. */
  runStream(options: SaasStreamOptions): Promise<SaasStreamEnd>;
}
