import type { FrameItem } from './sse-frames';
import { eventFrame } from './sse-frames';

/** Flag and segment identifiers of one environment with their versions (spec/redis-contract.md §7.4). */
export interface KnownItems {
  flags: Map<string, number>;
  segments: Map<string, number>;
}

/**
 * Reads the identifiers and versions of a stored list (`env-<envID>-feature-configs` with `idField`
 * `feature`, `env-<envID>-segments` with `identifier`). A missing key is an empty list (§3.3); text
 * that is not an array of objects yields `undefined`.
 */
export function readListItems(
  text: string | undefined,
  idField: 'feature' | 'identifier',
): Map<string, number> | undefined {
  const items = new Map<string, number>();
  if (text === undefined) return items;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  for (const item of value as unknown[]) {
    if (item === null || typeof item !== 'object') continue;
    const { [idField]: id, version } = item as Record<string, unknown>;
    if (typeof id === 'string' && id !== '')
      items.set(id, typeof version === 'number' && Number.isFinite(version) ? version : 0);
  }
  return items;
}

function domainFrames(
  environment: string,
  domain: FrameItem['domain'],
  known: Map<string, number>,
  current: Map<string, number>,
): string[] {
  const frames: string[] = [];
  for (const [identifier, version] of current)
    frames.push(eventFrame({ event: 'patch', domain, identifier, version, environment }));
  for (const [identifier, version] of known) {
    if (!current.has(identifier))
      frames.push(eventFrame({ event: 'delete', domain, identifier, version, environment }));
  }
  return frames;
}

/**
 * Gap recovery frames of one environment (spec/redis-contract.md §7.4, spec/sdk-api.md §8.6): one
 * `patch` per flag and segment now stored (version = the item's `version`), one `delete` per identifier
 * last known that is gone; no `id:` lines. SDKs compare versions, so unchanged items cause no `changed`.
 */
export function recoveryFrames(environment: string, known: KnownItems, current: KnownItems): string[] {
  return [
    ...domainFrames(environment, 'flag', known.flags, current.flags),
    ...domainFrames(environment, 'target-segment', known.segments, current.segments),
  ];
}
