import { normalizeFeatureConfigs, normalizeSegments, type SaasEvent } from '@relay/flag-model';
import type { Logger } from '@relay/logging';
import { withItems } from './desired-state';
import { toStoredItem, type StoredItem } from './environment-state';
import type { SyncTrigger } from './saas-sync-metrics';
import type { SaasPort } from './saas-port';
import type { BatchSummary, SyncEngine } from './sync-engine';

/** What the event handler needs. */
export interface SaasEventContext {
  saas: SaasPort;
  engine: SyncEngine;
  logger: Logger;
  requestSync(trigger: SyncTrigger, envIds?: string[]): void;
  /** Clears every asset of the proxy key and records the status (§5.5). */
  deleteProxyKey(): Promise<BatchSummary>;
}

/** A list read that does not yet show the change the event announced (spec/saas-api.md §5.5). */
export class StaleReadError extends Error {}

const NOTHING: BatchSummary = { changedEnvironments: 0, entries: [] };

function checkFresh(items: readonly StoredItem[], identifier: string, version: number): void {
  if (version <= 0) return;
  const item = items.find((candidate) => candidate.id === identifier);
  if (!item || (item.version !== undefined && item.version < version)) {
    throw new StaleReadError(`list does not show ${identifier} at version ${version} yet`);
  }
}

async function fetchItems(ctx: SaasEventContext, event: SaasEvent, envId: string): Promise<StoredItem[]> {
  const skipped: string[] = [];
  const items =
    event.domain === 'flag'
      ? normalizeFeatureConfigs(assertArray(await ctx.saas.featureConfigs(envId)), skipped, `environment ${envId}`).map((f) => toStoredItem(f.feature, f))
      : normalizeSegments(assertArray(await ctx.saas.targetSegments(envId)), skipped, `environment ${envId}`).map((s) => toStoredItem(s.identifier, s));
  for (const reason of skipped) ctx.logger.error('saas item skipped', { reason });
  return items;
}

function assertArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('SaaS list answer is not an array');
  return value;
}

async function applyItemEvent(ctx: SaasEventContext, event: SaasEvent): Promise<BatchSummary> {
  const envId = event.environment as string;
  const state = ctx.engine.environments().get(envId);
  if (!state) {
    ctx.requestSync('resync');
    return NOTHING;
  }
  const field = event.domain === 'flag' ? 'flags' : 'segments';
  let items: StoredItem[];
  if (event.event === 'delete') {
    items = state[field].filter((item) => item.id !== event.identifier);
    if (items.length === state[field].length) return NOTHING;
  } else {
    items = await fetchItems(ctx, event, envId);
    checkFresh(items, event.identifier as string, event.version ?? 0);
  }
  return ctx.engine.update([withItems(state, { [field]: items }, ctx.saas.accountId())]);
}

async function applyProxyEvent(ctx: SaasEventContext, event: SaasEvent): Promise<BatchSummary> {
  const environments = (event.environments ?? []).filter((env) => typeof env === 'string' && env !== '');
  const known = ctx.engine.environments();
  switch (event.event) {
    case 'environmentsAdded':
      ctx.requestSync('environment_added', environments);
      return NOTHING;
    case 'environmentsRemoved':
      return ctx.engine.remove(environments.filter((envId) => known.has(envId)));
    case 'proxyKeyDeleted':
      return ctx.deleteProxyKey();
    default: {
      const envId = environments[0] as string;
      const state = known.get(envId);
      const hash = event.apiKey as string;
      if (!state) {
        if (event.event === 'apiKeyAdded') ctx.requestSync('resync');
        return NOTHING;
      }
      const apiKeys = event.event === 'apiKeyAdded' ? [...state.apiKeys, hash] : state.apiKeys.filter((key) => key !== hash);
      return ctx.engine.update([{ ...state, apiKeys }]);
    }
  }
}

/**
 * Applies one complete SaaS event (spec/saas-api.md §5.5, spec/redis-contract.md §5.3): flag and segment
 * changes fetch the environment's list (with the stale-read check), deletes are applied locally,
 * events for unknown environments schedule a resync. Throws when the handler failed (to be retried).
 */
export function applySaasEvent(ctx: SaasEventContext, event: SaasEvent): Promise<BatchSummary> {
  return event.domain === 'proxy' ? applyProxyEvent(ctx, event) : applyItemEvent(ctx, event);
}
