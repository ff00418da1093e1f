/** Options every {@link RelayError} accepts. */
export interface RelayErrorOptions {
  /** The error that caused this one; kept so logs show the whole chain. */
  cause?: unknown;
}

/**
 * Base class of every error this project throws on purpose. Transport-agnostic: it knows nothing
 * about HTTP; `errorHandler` in `@relay/http` maps the subclasses to status codes.
 */
export class RelayError extends Error {
  constructor(message: string, options: RelayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}
