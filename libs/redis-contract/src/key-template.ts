import type { RedisKey } from './redis-names';

const TEMPLATES: [RegExp, string][] = [
  [/^auth-key-/, 'auth-key-{hash}'],
  [/^key-.*-inventory$/, 'key-{proxyKeyHash}-inventory'],
  [/^key-.*-leader$/, 'key-{proxyKeyHash}-leader'],
  [/^ffproxy_config_status$/, 'ffproxy_config_status'],
  [/^ffproxy_schema_version$/, 'ffproxy_schema_version'],
  [/^env-.+-target-config-.+$/, 'env-{envID}-target-config-{identifier}'],
  [/^env-.+-feature-configs-.+$/, 'env-{envID}-feature-configs-{identifier}'],
  [/^env-.+-feature-configs$/, 'env-{envID}-feature-configs'],
  [/^env-.+-segments-.+$/, 'env-{envID}-segments-{identifier}'],
  [/^env-.+-segments$/, 'env-{envID}-segments'],
  [/^env-.+-api-configs$/, 'env-{envID}-api-configs'],
  [/^env-.+-meta$/, 'env-{envID}-meta'],
  [/^env-.+-version$/, 'env-{envID}-version'],
];

/**
 * The key template used as the `key` label of cache metrics (spec/observability.md §1), so series do
 * not grow with every flag or SDK key. Environment ids are UUIDs, so `-feature-configs-` inside an
 * id cannot be confused with the per-flag suffix.
 */
export function keyTemplate(key: RedisKey | string): string {
  return TEMPLATES.find(([pattern]) => pattern.test(key))?.[1] ?? 'other';
}
