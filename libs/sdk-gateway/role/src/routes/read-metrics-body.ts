import { InputError } from '@relay/errors';

/** The validated body of `POST /metrics/{env}`: each array only when the request had it (not `null`). */
export interface MetricsBody {
  metricsData?: Record<string, unknown>[];
  targetData?: Record<string, unknown>[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function arrayOfObjects(body: Record<string, unknown>, field: 'metricsData' | 'targetData'): Record<string, unknown>[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw new InputError(`bad request: ${field} must be an array of objects`);
  }
  return value;
}

/**
 * Validates a metrics request (spec/sdk-api.md §7 step 2): `metricsData` and `targetData` are optional,
 * and when present and not `null` must be arrays of objects. Items are kept exactly as sent.
 */
export function readMetricsBody(body: Record<string, unknown>): MetricsBody {
  const metricsData = arrayOfObjects(body, 'metricsData');
  const targetData = arrayOfObjects(body, 'targetData');
  return {
    ...(metricsData ? { metricsData } : {}),
    ...(targetData ? { targetData } : {}),
  };
}

/** Whether a metrics body carries at least one item (else nothing is appended, §7 step 3). */
export function hasMetricsItems(body: MetricsBody): boolean {
  return (body.metricsData?.length ?? 0) + (body.targetData?.length ?? 0) > 0;
}
