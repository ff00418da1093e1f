import type { Logger } from '@relay/logging';
import type { ConfigCache } from './config-cache';

/**
 * Runs `CONFIG GET maxmemory-policy` (every master) once and logs `redis eviction policy unsafe` (warn,
 * field `policy`) for each policy other than `noeviction`: evicted configuration keys and streams cause
 * 401s and lost events (spec/redis-contract.md §1.10). Skips silently when the store cannot tell
 * (`CONFIG` disabled or renamed) or does not answer; startup goes on either way.
 */
export async function checkEvictionPolicy(cache: Pick<ConfigCache, 'evictionPolicies'>, logger: Logger): Promise<void> {
  let policies: string[] | undefined;
  try {
    policies = await cache.evictionPolicies();
  } catch {
    return;
  }
  const unsafe = new Set((policies ?? []).filter((policy) => policy !== 'noeviction'));
  for (const policy of unsafe) logger.warn('redis eviction policy unsafe', { policy });
}
