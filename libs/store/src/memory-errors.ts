import { StoreError } from './store-error';

// The in-memory adapter fails with the codes and the words of Redis ≥ 7.0, so that callers and the
// contract suite see the same errors from both adapters (spec/redis-contract.md §10.11).

/** `WRONGTYPE`: a string command on a stream or a stream command on a string. */
export function wrongTypeError(): StoreError {
  return new StoreError('WRONG_TYPE', 'WRONGTYPE Operation against a key holding the wrong kind of value');
}

/** `INCR` on text that is not a 64-bit integer. */
export function notIntegerError(): StoreError {
  return new StoreError('NOT_INTEGER', 'ERR value is not an integer or out of range');
}

/** A stream command on a missing stream or group (`ERR no such key`, `NOGROUP …`). */
export function noSuchKeyError(message: string): StoreError {
  return new StoreError('NO_SUCH_KEY', message);
}

/** Any other rejected argument (`ERR …`). */
export function invalidArgumentError(message: string): StoreError {
  return new StoreError('OTHER', message);
}

/** An id that is not `<ms>-<seq>` (or `<ms>`). */
export function invalidStreamIdError(): StoreError {
  return invalidArgumentError('ERR Invalid stream ID specified as stream command argument');
}

/** Redis rejects a non-integer numeric argument (`COUNT`, `BLOCK`, `MAXLEN`, TTLs) as "not an integer". */
export function assertInteger(...values: number[]): void {
  if (!values.every((value) => Number.isInteger(value))) throw notIntegerError();
}
