import { InputError } from '@relay/errors';

/** A target as `/client/auth` stores it (spec/redis-contract.md §3.9), after the name defaulting. */
export interface AuthTarget {
  identifier: string;
  name: string;
  /** Only when the request had it. */
  anonymous?: boolean;
  /** Only when the request had it (and not `null`). */
  attributes?: Record<string, unknown>;
}

/** A validated `POST /client/auth` body. */
export interface AuthRequest {
  /** The raw SDK key. */
  apiKey: string;
  target: AuthTarget | undefined;
}

/** `identifier` characters (spec/sdk-api.md §5.1). */
const IDENTIFIER = /^[A-Za-z0-9.@_-]*$/;
/** `name` characters: Unicode letters, ASCII digits (`\d` with the `u` flag), space, `.`, `@`, `_`, `-`. */
const NAME = /^[\p{L}\d .@_-]*$/u;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value of the property named `name` in any letter case; the last such property wins (Go parity). */
export function propertyOf(object: Record<string, unknown>, name: string): unknown {
  let found: unknown;
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === name) found = value;
  return found;
}

function invalidTarget(): never {
  throw new InputError('bad request: target is invalid');
}

function readTarget(value: unknown): AuthTarget {
  if (!isObject(value)) invalidTarget();
  const identifier = propertyOf(value, 'identifier');
  const name = propertyOf(value, 'name');
  const anonymous = propertyOf(value, 'anonymous');
  const attributes = propertyOf(value, 'attributes');
  if (identifier !== undefined && typeof identifier !== 'string') invalidTarget();
  if (name !== undefined && typeof name !== 'string') invalidTarget();
  if (anonymous !== undefined && typeof anonymous !== 'boolean') invalidTarget();
  if (attributes !== undefined && attributes !== null && !isObject(attributes)) invalidTarget();
  if (identifier && !IDENTIFIER.test(identifier)) throw new InputError('bad request: target identifier is invalid');
  if (name && !NAME.test(name)) throw new InputError('bad request: target name is invalid');
  return {
    identifier: identifier ?? '',
    name: name || (identifier ?? ''),
    ...(anonymous !== undefined ? { anonymous } : {}),
    ...(isObject(attributes) ? { attributes } : {}),
  };
}

/**
 * Validates a `/client/auth` body (spec/sdk-api.md §5.1 steps 3–4): property names in any letter case,
 * a non-empty string `apiKey`, an optional `target` whose fields have the right types and characters.
 * A missing or empty `name` becomes the identifier.
 */
export function readAuthRequest(body: Record<string, unknown>): AuthRequest {
  const apiKey = propertyOf(body, 'apikey');
  if (typeof apiKey !== 'string' || apiKey === '') throw new InputError('bad request: apiKey cannot be empty');
  const target = propertyOf(body, 'target');
  return { apiKey, target: target === undefined || target === null ? undefined : readTarget(target) };
}
