import type { ProxyConfigPage, ProxyEnvironment } from '@relay/flag-model';
import type { EmulatorStore } from './emulator-store';

/** What a `/proxy/config` request asks for (spec/saas-api.md §3). */
export interface ProxyConfigQuery {
  /** The page, from 0 (`pageNumber`). */
  pageNumber: number;
  /** Environments per page (`pageSize`). */
  pageSize: number;
  /** Only this environment id (`environment`), after `environmentsAdded`. */
  environment?: string;
  /** Serve each list as it was before its last change (the `stale` fault). */
  stale: boolean;
}

/**
 * One honest page of `/proxy/config` for `proxyKey` (spec/saas-api.md §10.6, §10.7): only the key's
 * existing environments, `itemCount` = their number, `pageCount` = ceil(itemCount / pageSize) and at least
 * 1, every array present, segments with `servingRules` (§10.9). A page past the end has no environments.
 */
export function buildProxyConfigPage(store: EmulatorStore, proxyKey: string, query: ProxyConfigQuery): ProxyConfigPage {
  const visible = store
    .visibleEnvironments(proxyKey)
    .filter((environment) => query.environment === undefined || environment.id === query.environment);
  const start = query.pageNumber * query.pageSize;
  const environments: ProxyEnvironment[] = visible.slice(start, start + query.pageSize).map(({ id }) => ({
    id,
    apiKeys: store.sdkKeyHashes(id),
    featureConfigs: store.flags(id, query.stale),
    segments: store.segments(id, query.stale),
  }));
  return {
    itemCount: visible.length,
    pageCount: Math.max(1, Math.ceil(visible.length / query.pageSize)),
    pageIndex: query.pageNumber,
    pageSize: query.pageSize,
    version: store.version(),
    environments,
  };
}
