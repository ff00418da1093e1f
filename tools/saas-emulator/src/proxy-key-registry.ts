import { InputError, NotFoundError } from '@relay/errors';
import { sha256hex } from '@relay/redis-contract';
import { ConflictError } from './conflict-error';
import type { EmulatorProxyKey } from './emulator-state';

/** What a {@link ProxyKeyRegistry.put} changed in a key's scope. */
export interface ScopeChange {
  created: boolean;
  /** Environment ids newly in scope. */
  added: string[];
  /** Environment ids no longer in scope. */
  removed: string[];
}

/** The proxy keys SaaS knows, their scopes and their validity (spec/saas-api.md §10.2, §10.7, §10.11). */
export interface ProxyKeyRegistry {
  /** Valid keys, in creation order (a rotated-away key in its buffer carries `expiresAt`). */
  list(): EmulatorProxyKey[];
  /** Whether `key` is known, not deleted and not past its rotation buffer. */
  isValid(key: string): boolean;
  /** The valid key whose SHA-256 hex is `hash` (the `key` claim of its tokens). */
  findByHash(hash: string): string | undefined;
  /** The environment ids `key` covers; `[]` for an invalid key. */
  scope(key: string): string[];
  /**
   * Creates `key` or replaces its scope. A key in a rotation buffer becomes valid without limit again,
   * unless `expiresAt` (Unix epoch ms, used by seeds) is given.
   */
  put(key: string, environments: string[], expiresAt?: number): ScopeChange;
  /** `newKey` gets the scope of `key` at once; `key` stays valid for `bufferMs` (0 = removed now). */
  rotate(key: string, newKey: string, bufferMs: number): EmulatorProxyKey;
  /** Removes `key`; `false` when it was not valid. */
  delete(key: string): boolean;
}

/** Creates an empty {@link ProxyKeyRegistry}; `now` (Unix epoch ms) decides when rotation buffers end. */
export function createProxyKeyRegistry(now: () => number): ProxyKeyRegistry {
  const keys = new Map<string, EmulatorProxyKey>();
  const validRecord = (key: string) => {
    const record = keys.get(key);
    if (record?.expiresAt !== undefined && now() >= record.expiresAt) {
      keys.delete(key);
      return undefined;
    }
    return record;
  };
  const validKeys = () => [...keys.keys()].filter((key) => validRecord(key) !== undefined);

  return {
    list: () => validKeys().map((key) => ({ ...keys.get(key)!, environments: [...keys.get(key)!.environments] })),
    isValid: (key) => validRecord(key) !== undefined,
    findByHash: (hash) => validKeys().find((key) => sha256hex(key) === hash),
    scope: (key) => [...(validRecord(key)?.environments ?? [])],
    put(key, environments, expiresAt) {
      const existing = validRecord(key);
      const before = existing?.environments ?? [];
      const unique = [...new Set(environments)];
      // Map.set keeps an existing key in its place.
      keys.set(key, expiresAt === undefined ? { key, environments: unique } : { key, environments: unique, expiresAt });
      return {
        created: existing === undefined,
        added: unique.filter((env) => !before.includes(env)),
        removed: before.filter((env) => !unique.includes(env)),
      };
    },
    rotate(key, newKey, bufferMs) {
      const record = validRecord(key);
      if (record === undefined) throw new NotFoundError(`proxy key not found`);
      if (newKey === key) throw new InputError('newKey must differ from the key being rotated');
      if (validRecord(newKey) !== undefined) throw new ConflictError('newKey already exists');
      const rotated = { key: newKey, environments: [...record.environments] };
      keys.set(newKey, rotated);
      if (bufferMs <= 0) keys.delete(key);
      else record.expiresAt = now() + bufferMs;
      return { ...rotated, environments: [...rotated.environments] };
    },
    delete: (key) => validRecord(key) !== undefined && keys.delete(key),
  };
}
