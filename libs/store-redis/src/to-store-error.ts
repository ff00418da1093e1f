import { StoreError, type StoreErrorCode } from '@relay/store';
import { ReplyError } from 'ioredis';

// Error replies that mean "Redis cannot serve this right now", not "this command is wrong".
const TRANSIENT = /^(LOADING|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|READONLY|BUSY |MOVED|ASK)/;

function codeOfReply(message: string): StoreErrorCode {
  if (/^WRONGTYPE/.test(message)) return 'WRONG_TYPE';
  if (/^BUSYGROUP/.test(message)) return 'BUSYGROUP';
  if (/^NOGROUP|^ERR no such key|requires the key to exist/.test(message)) return 'NO_SUCH_KEY';
  if (/not an integer/.test(message)) return 'NOT_INTEGER';
  if (TRANSIENT.test(message)) return 'UNAVAILABLE';
  return 'OTHER';
}

/**
 * Translates what ioredis rejects with into a {@link StoreError} (spec/redis-contract.md §10.11), so
 * that callers see the same codes as from the in-memory adapter: error replies by their prefix
 * (`WRONGTYPE`, `BUSYGROUP`, `NOGROUP`/`no such key`, "not an integer"); every other failure —
 * connection closed or refused, retries exhausted, timeouts, cluster unreachable — is `UNAVAILABLE`.
 */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ReplyError) return new StoreError(codeOfReply(message), message, { cause: error });
  return new StoreError('UNAVAILABLE', message === '' ? 'redis unavailable' : message, { cause: error });
}
