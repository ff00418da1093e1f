/**
 * The flags (or the segments) of one environment, in SaaS order, with the version bookkeeping of
 * spec/saas-api.md §10.3 and the memory the `stale` fault needs (§10.12).
 */
export interface ItemCatalog<T> {
  /** Current items, in insertion order. */
  list(): T[];
  /** {@link list} as it was before the last change: the item changed last has its previous value (or is absent if it was created). */
  staleList(): T[];
  get(identifier: string): T | undefined;
  /** The version the next change of `identifier` gets: 1 for a new identifier, never a version used before. */
  nextVersion(identifier: string): number;
  /** Stores `item` (whose version the caller took from {@link nextVersion} or the seed); says whether it was new. */
  put(identifier: string, item: T, version: number): 'create' | 'patch';
  /** Removes `identifier`; returns the version the deletion used, `undefined` when it did not exist. */
  delete(identifier: string): number | undefined;
}

/**
 * Creates an {@link ItemCatalog}. `versions` remembers the last version of every identifier ever seen,
 * under `scope + identifier`, and outlives the catalog (a deleted environment re-created later keeps
 * counting up), so versions are never reused.
 */
export function createItemCatalog<T>(versions: Map<string, number>, scope: string): ItemCatalog<T> {
  const items = new Map<string, T>();
  let lastChange: { identifier: string; before: T | undefined } | undefined;
  const memoryKey = (identifier: string) => `${scope}\u0000${identifier}`;
  const remember = (identifier: string, version: number) =>
    versions.set(memoryKey(identifier), Math.max(version, versions.get(memoryKey(identifier)) ?? 0));

  return {
    list: () => [...items.values()],
    staleList() {
      if (lastChange === undefined) return [...items.values()];
      const { identifier, before } = lastChange;
      const stale: T[] = [];
      for (const [id, item] of items) {
        if (id !== identifier) stale.push(item);
        else if (before !== undefined) stale.push(before);
      }
      if (!items.has(identifier) && before !== undefined) stale.push(before);
      return stale;
    },
    get: (identifier) => items.get(identifier),
    nextVersion: (identifier) => (versions.get(memoryKey(identifier)) ?? 0) + 1,
    put(identifier, item, version) {
      const before = items.get(identifier);
      lastChange = { identifier, before };
      items.set(identifier, item);
      remember(identifier, version);
      return before === undefined ? 'create' : 'patch';
    },
    delete(identifier) {
      const before = items.get(identifier);
      if (before === undefined) return undefined;
      const version = (versions.get(memoryKey(identifier)) ?? 0) + 1;
      lastChange = { identifier, before };
      items.delete(identifier);
      remember(identifier, version);
      return version;
    },
  };
}
