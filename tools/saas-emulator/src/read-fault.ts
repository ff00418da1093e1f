import { InputError } from '@relay/errors';
import {
  FAULT_MODES,
  FAULT_TARGETS,
  STALE_TARGETS,
  type EmulatorFault,
  type FaultMode,
  type FaultTarget,
} from './emulator-fault';
import { objectAt } from './fill-clauses';

function optionalInteger(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Reads the body of `POST /admin/faults` (spec/saas-api.md §10.12); bad input is an `InputError`. */
export function readFault(value: unknown): EmulatorFault {
  const body = objectAt(value, 'fault');
  const target = body['target'] as FaultTarget;
  const mode = body['mode'] as FaultMode;
  if (!FAULT_TARGETS.includes(target)) throw new InputError(`target must be one of ${FAULT_TARGETS.join(', ')}`);
  if (!FAULT_MODES.includes(mode)) throw new InputError(`mode must be one of ${FAULT_MODES.join(', ')}`);
  if (mode === 'stale' && !STALE_TARGETS.includes(target)) {
    throw new InputError(`mode stale applies to list reads only: ${STALE_TARGETS.join(', ')}`);
  }
  const fault: EmulatorFault = { target, mode };
  const status = optionalInteger(body, 'status', 100, 599);
  const retryAfterSeconds = optionalInteger(body, 'retryAfterSeconds', 0);
  const delayMs = optionalInteger(body, 'delayMs', 0);
  const count = optionalInteger(body, 'count', 1);
  if (status !== undefined) fault.status = status;
  if (retryAfterSeconds !== undefined) fault.retryAfterSeconds = retryAfterSeconds;
  if (delayMs !== undefined) fault.delayMs = delayMs;
  if (count !== undefined) fault.count = count;
  return fault;
}
