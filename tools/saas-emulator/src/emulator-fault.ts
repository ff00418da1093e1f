/** What a fault applies to: one SaaS endpoint of spec/saas-api.md §10.1. */
export type FaultTarget =
  'proxy-auth' | 'proxy-config' | 'feature-configs' | 'target-segments' | 'stream' | 'metrics' | 'client-auth';

/** Every {@link FaultTarget}, for validation and iteration. */
export const FAULT_TARGETS: readonly FaultTarget[] = [
  'proxy-auth',
  'proxy-config',
  'feature-configs',
  'target-segments',
  'stream',
  'metrics',
  'client-auth',
];

/**
 * How a fault fails a request (spec/saas-api.md §10.12):
 * - `status`: answer `status` (a 429 also carries `Retry-After`);
 * - `delay`: wait `delayMs`, then answer normally;
 * - `drop`: send the status line and part of the body (for `stream`: part of a frame), then destroy the socket;
 * - `silence`: send nothing more (for `stream`: headers, then no byte at all, heartbeats included); other
 *   targets never answer;
 * - `stale`: list reads (`proxy-config`, `feature-configs`, `target-segments`) return the previous version
 *   of the item changed last;
 * - `malformed`: `200` with a body that is not valid JSON (for `stream`: one `data:` line that is not JSON).
 *
 * `drop`, `silence` and `malformed` on `stream` also hit the streams already open when the fault is set,
 * each one counting towards `count`.
 */
export type FaultMode = 'status' | 'delay' | 'drop' | 'silence' | 'stale' | 'malformed';

/** Every {@link FaultMode}. */
export const FAULT_MODES: readonly FaultMode[] = ['status', 'delay', 'drop', 'silence', 'stale', 'malformed'];

/** Targets that are list reads, the only ones `stale` applies to. */
export const STALE_TARGETS: readonly FaultTarget[] = ['proxy-config', 'feature-configs', 'target-segments'];

/** A fault, the body of `POST /admin/faults`. */
export interface EmulatorFault {
  target: FaultTarget;
  mode: FaultMode;
  /** HTTP status for `status`. Default 503. */
  status?: number;
  /** `Retry-After` in seconds sent with `status`. Default 1 for a 429, none otherwise. */
  retryAfterSeconds?: number;
  /** Wait for `delay`, in ms. Default 2000. */
  delayMs?: number;
  /** How many requests (or open streams) the fault affects. Absent = every one until cleared. */
  count?: number;
}

/** A fault as `GET /admin/faults` reports it: `remaining` = requests it still affects (absent = no limit). */
export interface ActiveFault extends Omit<EmulatorFault, 'count'> {
  remaining?: number;
}
