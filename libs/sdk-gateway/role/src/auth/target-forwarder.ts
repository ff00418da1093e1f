import type { Clock } from '@relay/lifecycle';
import { LruMap } from '@relay/replica';
import type { AuthTarget } from './read-auth-request';

/** How long one (environment, identifier, attributes) is forwarded at most once (spec/sdk-api.md §5.1). */
export const FORWARD_DEDUPE_MS = 600_000;

/** The `targetData` item a forwarded target becomes (spec/saas-api.md §7): attributes as key/value strings. */
export interface TargetDataItem {
  identifier: string;
  name: string;
  attributes: { key: string; value: string }[];
}

/** Decides which `/client/auth` targets are forwarded as `targetData` (env `FORWARD_TARGETS`). */
export interface TargetForwarder {
  /** The entry to append for this target, or `undefined` when it was forwarded in the last 10 minutes. */
  claim(envId: string, target: AuthTarget): object | undefined;
  /** Forgets a claim whose append failed, so the next `/client/auth` tries again. */
  release(envId: string, target: AuthTarget): void;
}

/** The `targetData` item of a target: string attribute values as they are, anything else as JSON. */
export function toTargetData(target: AuthTarget): TargetDataItem {
  const attributes = Object.entries(target.attributes ?? {}).map(([key, value]) => ({
    key,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
  return { identifier: target.identifier, name: target.name, attributes };
}

/** Creates a {@link TargetForwarder} remembering up to `maxEntries` (default 100 000) recent targets. */
export function createTargetForwarder(clock: Clock, maxEntries = 100_000): TargetForwarder {
  const sent = new LruMap<string, number>(maxEntries);
  const keyOf = (envId: string, target: AuthTarget) => JSON.stringify([envId, target.identifier, target.attributes ?? {}]);
  return {
    claim(envId, target) {
      const key = keyOf(envId, target);
      const last = sent.get(key);
      const now = clock.now();
      if (last !== undefined && now - last < FORWARD_DEDUPE_MS) return undefined;
      sent.set(key, now);
      return { environment_id: envId, targetData: [toTargetData(target)] };
    },
    release(envId, target) {
      sent.delete(keyOf(envId, target));
    },
  };
}
