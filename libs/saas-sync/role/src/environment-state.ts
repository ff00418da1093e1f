import type { EnvMeta } from '@relay/redis-contract';

/** A flag, segment or offline target as stored: its key identifier, exact JSON and version. */
export interface StoredItem {
  id: string;
  /** The exact bytes of the per-item key (and of its element in the list key). */
  json: string;
  /** The item's `version`, when it has a numeric one. */
  version: number | undefined;
}

/**
 * Everything saas-sync owns for one environment (spec/redis-contract.md §5.2): the mirror keeps one per
 * environment of the inventory, and every sync or event computes the desired one.
 */
export interface EnvironmentState {
  envId: string;
  /** SDK key hashes, sorted ascending, no duplicates. */
  apiKeys: string[];
  /** Flags in SaaS order. */
  flags: StoredItem[];
  /** Segments in SaaS order. */
  segments: StoredItem[];
  meta: EnvMeta;
  /** Targets loaded from offline files (written without TTL); empty online. */
  targets: StoredItem[];
}

/** Builds a {@link StoredItem} from a normalised flag, segment or target. */
export function toStoredItem(id: string, value: unknown): StoredItem {
  const version = (value as { version?: unknown }).version;
  return { id, json: JSON.stringify(value), version: typeof version === 'number' && Number.isFinite(version) ? version : undefined };
}

/** The list key value: `"[" + items.join(",") + "]"` so elements equal the per-item keys byte for byte (§3.3). */
export function listText(items: readonly StoredItem[]): string {
  return `[${items.map((item) => item.json).join(',')}]`;
}

/** Whether an item changed (§5.2): versions differ, or — when either has none — the JSON texts differ. */
export function itemChanged(before: StoredItem, after: StoredItem): boolean {
  if (before.version === undefined || after.version === undefined) return before.json !== after.json;
  return before.version !== after.version;
}

/**
 * The meta object (§3.7): `environmentIdentifier` from the first flag (else the first segment),
 * `projectIdentifier` from the first flag, `accountID` from the proxy token; each only when known.
 */
export function computeMeta(envId: string, firstFlag: unknown, firstSegment: unknown, accountId: string | undefined): EnvMeta {
  const text = (value: unknown, field: string): string | undefined => {
    const inner = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
    return typeof inner === 'string' && inner !== '' ? inner : undefined;
  };
  const meta: EnvMeta = { environmentID: envId };
  const environmentIdentifier = text(firstFlag, 'environment') ?? text(firstSegment, 'environment');
  const projectIdentifier = text(firstFlag, 'project');
  if (environmentIdentifier) meta.environmentIdentifier = environmentIdentifier;
  if (projectIdentifier) meta.projectIdentifier = projectIdentifier;
  if (accountId) meta.accountID = accountId;
  return meta;
}
