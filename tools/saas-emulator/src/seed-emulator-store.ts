import { InputError } from '@relay/errors';
import { arrayOf, isJsonObject, objectAt, stringAt } from './fill-clauses';
import type { EmulatorEnvironment } from './emulator-state';
import type { EmulatorStore } from './emulator-store';

/** Reads an environment of admin input (`{ id, identifier, project }`, all non-empty strings). */
export function readEnvironment(value: unknown, where = 'environment'): EmulatorEnvironment {
  const body = objectAt(value, where);
  const text = (field: string) => {
    const result = stringAt(body[field], `${where}.${field}`);
    if (result === '') throw new InputError(`${where}.${field} must not be empty`);
    return result;
  };
  return { id: text('id'), identifier: text('identifier'), project: text('project') };
}

/** Reads a list of environment ids (strings). */
export function readEnvironmentIds(value: unknown, where: string): string[] {
  return arrayOf(value, where).map((id, index) => stringAt(id, `${where}[${index}]`));
}

function perEnvironment(state: Record<string, unknown>, field: string, store: EmulatorStore): [string, unknown[]][] {
  const value = state[field];
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) throw new InputError(`${field} must be an object keyed by environment id`);
  return Object.entries(value).map(([id, items]) => {
    if (store.environment(id) === undefined) throw new InputError(`${field}: unknown environment ${id}`);
    return [id, arrayOf(items, `${field}.${id}`)];
  });
}

function seedVersion(item: unknown, where: string): number | undefined {
  const version = isJsonObject(item) ? item['version'] : undefined;
  if (version === undefined) return undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InputError(`${where}.version must be a positive integer`);
  }
  return version;
}

function seedItems(state: Record<string, unknown>, store: EmulatorStore): void {
  for (const [id, flags] of perEnvironment(state, 'flags', store)) {
    flags.forEach((flag, index) => {
      const feature = stringAt(isJsonObject(flag) ? flag['feature'] : undefined, `flags.${id}[${index}].feature`);
      store.putFlag(id, feature, flag, seedVersion(flag, `flags.${id}[${index}]`));
    });
  }
  for (const [id, segments] of perEnvironment(state, 'segments', store)) {
    segments.forEach((segment, index) => {
      const where = `segments.${id}[${index}]`;
      const identifier = stringAt(isJsonObject(segment) ? segment['identifier'] : undefined, `${where}.identifier`);
      store.putSegment(id, identifier, segment, seedVersion(segment, where));
    });
  }
}

/**
 * Fills an empty store from an {@link EmulatorState} (the `POST /admin/reset` body), checking its shape.
 * Flags and segments keep a given `version`; without one they start at 1. Throws an `InputError` naming
 * the first problem.
 */
export function seedEmulatorStore(store: EmulatorStore, value: unknown): void {
  const state = value === undefined || value === null ? {} : objectAt(value, 'state');
  arrayOf(state['environments'], 'environments').forEach((env, index) => {
    const environment = readEnvironment(env, `environments[${index}]`);
    if (store.environment(environment.id) !== undefined)
      throw new InputError(`environment ${environment.id} listed twice`);
    store.putEnvironment(environment);
  });
  arrayOf(state['proxyKeys'], 'proxyKeys').forEach((item, index) => {
    const where = `proxyKeys[${index}]`;
    const proxyKey = objectAt(item, where);
    const key = stringAt(proxyKey['key'], `${where}.key`);
    if (key === '') throw new InputError(`${where}.key must not be empty`);
    const expiresAt = proxyKey['expiresAt'];
    if (expiresAt !== undefined && typeof expiresAt !== 'number')
      throw new InputError(`${where}.expiresAt must be a number`);
    store.keys.put(key, readEnvironmentIds(proxyKey['environments'], `${where}.environments`), expiresAt);
  });
  for (const [id, keys] of perEnvironment(state, 'sdkKeys', store)) {
    keys.forEach((key, index) => store.addSdkKey(id, stringAt(key, `sdkKeys.${id}[${index}]`)));
  }
  seedItems(state, store);
}
