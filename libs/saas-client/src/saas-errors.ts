import { DependencyError } from '@relay/errors';

/** Options of a {@link SaasError}. */
export interface SaasErrorOptions {
  status?: number;
  retryable: boolean;
  /** Wait asked for by `Retry-After`, in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A failed SaaS call (network error, timeout, non-2xx status, or a body that is not JSON). */
export class SaasError extends DependencyError {
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: SaasErrorOptions) {
    super(message, { dependency: 'saas', status: options.status, retryable: options.retryable, cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** `/proxy/auth` answered 401, 403 or 404: the proxy key is wrong, rotated away or deleted. */
export class ProxyKeyRejectedError extends SaasError {
  constructor(status: number) {
    super(`proxy key rejected (${status})`, { status, retryable: false });
  }
}

/** Whether an HTTP status is worth retrying (spec/saas-api.md §1): 408, 429, 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` in seconds → ms; `undefined` when absent or not a number. */
export function retryAfterMs(header: unknown): number | undefined {
  const seconds = typeof header === 'string' ? Number(header) : typeof header === 'number' ? header : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
