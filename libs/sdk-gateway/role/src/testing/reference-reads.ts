import { redisKeys } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';

/** A body every gateway route that serves stored configuration must return byte for byte. */
export type ReferenceRoute =
  | { route: 'feature-configs' }
  | { route: 'feature-config'; identifier: string }
  | { route: 'target-segments'; keep: 'rules' | 'servingRules' }
  | { route: 'target-segment'; identifier: string; keep: 'rules' | 'servingRules' };

function withoutProperty(text: string, property: string): string {
  const value = JSON.parse(text) as Record<string, unknown>;
  delete value[property];
  return JSON.stringify(value);
}

/**
 * The reference answer of spec/redis-contract.md §7.1, written independently of the gateway code: a
 * straight read of the documented key, serialised (the dropped segment property deleted). `undefined`
 * for a 404.
 */
export async function referenceBody(cache: ConfigCache, envId: string, request: ReferenceRoute): Promise<string | undefined> {
  switch (request.route) {
    case 'feature-configs':
      return (await cache.get(redisKeys.featureConfigs(envId))) ?? '[]';
    case 'feature-config':
      return cache.get(redisKeys.featureConfig(envId, request.identifier));
    case 'target-segments': {
      const list = JSON.parse((await cache.get(redisKeys.segments(envId))) ?? '[]') as unknown[];
      const drop = request.keep === 'rules' ? 'servingRules' : 'rules';
      return `[${list.map((item) => withoutProperty(JSON.stringify(item), drop)).join(',')}]`;
    }
    case 'target-segment': {
      const text = await cache.get(redisKeys.segment(envId, request.identifier));
      return text === undefined ? undefined : withoutProperty(text, request.keep === 'rules' ? 'servingRules' : 'rules');
    }
  }
}
