import { parseProxyConfigPage, type ProxyEnvironment } from '@relay/flag-model';
import type { Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { SaasPort } from './saas-port';

/** Options of {@link fetchProxyConfig}. */
export interface FetchProxyConfigOptions {
  saas: SaasPort;
  clock: Clock;
  logger: Logger;
  /** Only this environment (`environment=` query), after `environmentsAdded`. */
  environment?: string;
  /** Budget for the whole paging; default 5 minutes (spec/saas-api.md §3). */
  budgetMs?: number;
}

/**
 * Pages through `/proxy/config` (page 0, 1, … until `pageCount − 1`), validating every page: a page that
 * is not an object with an `environments` array fails the whole fetch (nothing is written); skipped
 * environments and items are logged at error.
 */
export async function fetchProxyConfig(options: FetchProxyConfigOptions): Promise<ProxyEnvironment[]> {
  const { saas, clock, logger } = options;
  const deadline = clock.now() + (options.budgetMs ?? 300_000);
  const environments: ProxyEnvironment[] = [];
  for (let pageNumber = 0; ; pageNumber++) {
    if (clock.now() > deadline) throw new Error('proxy config paging exceeded its 5 minute budget');
    const { page, skipped } = parseProxyConfigPage(await saas.proxyConfigPage(pageNumber, options.environment));
    for (const reason of skipped) logger.error('proxy config item skipped', { reason });
    environments.push(...page.environments);
    if (pageNumber >= page.pageCount - 1) return environments;
  }
}
