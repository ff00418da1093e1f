import { DependencyError } from '@relay/errors';

/**
 * Why a store call failed, the same for every adapter (spec/redis-contract.md §10.11):
 * `NOT_INTEGER` (INCR on text), `WRONG_TYPE` (a key of another type), `NO_SUCH_KEY` (a stream or group
 * that does not exist), `BUSYGROUP` (group exists), `UNAVAILABLE` (the store cannot be reached or timed out),
 * `OTHER`.
 */
export type StoreErrorCode = 'NOT_INTEGER' | 'WRONG_TYPE' | 'NO_SUCH_KEY' | 'BUSYGROUP' | 'UNAVAILABLE' | 'OTHER';

/** A failed store call. Retryable only when the store was unavailable. */
export class StoreError extends DependencyError {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { dependency: 'redis', retryable: code === 'UNAVAILABLE', cause: options.cause });
  }
}
