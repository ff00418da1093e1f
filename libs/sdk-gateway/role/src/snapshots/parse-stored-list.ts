import { DependencyError } from '@relay/errors';

/** Parses a stored JSON value; text that is not JSON is bad data in Redis, answered with a 500. */
export function parseStoredJson(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DependencyError(`malformed value of ${key}`, { dependency: 'redis', cause: error });
  }
}

/**
 * Parses a stored list value (`env-<envID>-feature-configs` or `-segments`): a missing key is an empty
 * list (spec/sdk-api.md §6.1); anything but a JSON array is bad data, answered with a 500.
 */
export function parseStoredList(text: string | undefined, key: string): unknown[] {
  if (text === undefined) return [];
  const value = parseStoredJson(text, key);
  if (!Array.isArray(value)) throw new DependencyError(`value of ${key} is not a JSON array`, { dependency: 'redis' });
  return value;
}
