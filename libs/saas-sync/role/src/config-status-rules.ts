import type { ConfigStatus } from '@relay/redis-contract';

/** The status written at leader start when the key is absent (spec/redis-contract.md §3.12). */
export function initialConfigStatus(now: number, source: ConfigStatus['source']): ConfigStatus {
  return { state: 'INITIALIZING', since: now, lastSyncedAt: null, source, error: '' };
}

/** The status after a successful full sync: SYNCED now. */
export function syncedConfigStatus(previous: ConfigStatus | undefined, now: number, source: ConfigStatus['source']): ConfigStatus {
  return { state: 'SYNCED', since: previous?.state === 'SYNCED' ? previous.since : now, lastSyncedAt: now, source, error: '' };
}

/**
 * The status after a failed full sync: a rejected proxy key (or a deleted one) makes it FAILED_TO_SYNC;
 * any other failure keeps a SYNCED state (the proxy keeps serving its data) and only turns
 * INITIALIZING into FAILED_TO_SYNC. `lastSyncedAt` survives.
 */
export function failedConfigStatus(
  previous: ConfigStatus | undefined,
  now: number,
  failure: { error: string; keyRejected: boolean; source: ConfigStatus['source'] },
): ConfigStatus {
  const base = previous ?? initialConfigStatus(now, failure.source);
  const state = failure.keyRejected || base.state !== 'SYNCED' ? 'FAILED_TO_SYNC' : base.state;
  return { ...base, state, since: state === base.state ? base.since : now, error: failure.error };
}
