import { RelayError, type RelayErrorOptions } from './relay-error';

/** The request is malformed (400). The message is shown to the client. */
export class InputError extends RelayError {}
/** Credentials are missing or invalid (401). The message is shown to the client. */
export class AuthenticationError extends RelayError {}
/** Credentials are valid but do not allow this (403). */
export class ForbiddenError extends RelayError {}
/** The addressed thing does not exist (404). */
export class NotFoundError extends RelayError {}
/** The request body is over the configured limit (413). */
export class PayloadTooLargeError extends RelayError {}
/** An expected state that prevents serving the request yet, e.g. before the first sync (503). */
export class NotReadyError extends RelayError {}

/** The path exists but not for this method (405); `allow` lists the methods that are. */
export class MethodNotAllowedError extends RelayError {
  constructor(
    readonly allow: readonly string[],
    options: RelayErrorOptions = {},
  ) {
    super('method not allowed', options);
  }
}

/** Options of a {@link DependencyError}. */
export interface DependencyErrorOptions extends RelayErrorOptions {
  /** Which dependency failed, e.g. `redis` or `saas`. */
  dependency: string;
  /** HTTP status the dependency answered, when it answered. */
  status?: number;
  /** Whether trying again may succeed (network errors, timeouts, 5xx, 429). Default false. */
  retryable?: boolean;
}

/** Redis, SaaS or another dependency failed. Always a 500 for SDKs, logged with its cause. */
export class DependencyError extends RelayError {
  readonly dependency: string;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: DependencyErrorOptions) {
    super(message, options);
    this.dependency = options.dependency;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}

/** Invalid configuration found at startup; `problems` names every bad variable. */
export class ConfigError extends RelayError {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

/** Whether trying the failed operation again may succeed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof DependencyError && error.retryable;
}
