import type { Router } from 'express';

/**
 * What every role library exports from `createX(deps)`. The composition root starts it, mounts its
 * router (if any) on the one HTTP app of the process, asks it for readiness and closes it.
 */
export interface ServiceRole {
  /** The role name, e.g. `sdk-gateway`; used as the log `component` in the all-in-one. */
  readonly name: string;
  /** Routes this role serves, mounted by `createApp`. */
  readonly router?: Router;
  /** Starts background work (stream readers, timers). Resolves once the role can serve. */
  start(): Promise<void>;
  /** Why the role is not ready (`/readyz` reasons); empty when ready. */
  notReadyReasons(): string[];
  /** Fields of the `heartbeat` log line (spec/observability.md §4.4). */
  heartbeatFields(): Record<string, unknown>;
  /** First shutdown phase: stop accepting work and start draining; must not block. */
  prepareClose?(): void;
  /** Stops everything the role started. */
  close(): Promise<void>;
}
