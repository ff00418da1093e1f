/**
 * Redis contract (spec/redis-contract.md §2). Names are fixed by the V2 documentation: no prefix, no
 * version, no hash tags. They fall in different Cluster slots, so every command that uses them takes
 * one key. This file is the only place that spells a key, stream or group name.
 *
 *   auth-key-<sha256(sdkKey)>                  STRING  JSON envID                saas-sync → sdk-gateway, sse-fanout
 *   env-<envID>-api-configs                    STRING  JSON auth-key names       saas-sync → saas-sync
 *   env-<envID>-feature-configs                STRING  JSON FeatureConfig[]      saas-sync → sdk-gateway, sse-fanout
 *   env-<envID>-feature-configs-<identifier>   STRING  JSON FeatureConfig        saas-sync → sdk-gateway
 *   env-<envID>-segments                       STRING  JSON Segment[]            saas-sync → sdk-gateway, sse-fanout
 *   env-<envID>-segments-<identifier>          STRING  JSON Segment              saas-sync → sdk-gateway
 *   env-<envID>-meta                           STRING  JSON JWT identifiers      saas-sync → sdk-gateway
 *   env-<envID>-version                        STRING  decimal integer (INCR)    saas-sync → sdk-gateway, sse-fanout
 *   env-<envID>-target-config-<target>         STRING  JSON Target, TTL          sdk-gateway (saas-sync offline) → sdk-gateway, saas-sync
 *   key-<proxyKeyHash>-inventory               STRING  JSON owned key names      saas-sync → saas-sync
 *   key-<proxyKeyHash>-leader                  STRING  JSON instance id, PX TTL  saas-sync → saas-sync
 *   ffproxy_config_status                      STRING  JSON sync state           saas-sync → sdk-gateway, sse-fanout
 *   ffproxy_schema_version                     STRING  JSON number 1             saas-sync → all
 *   proxy:sse_events                           STREAM  change events             saas-sync → sdk-gateway, sse-fanout (XREAD)
 *   ffproxy_saas_stream_health                 STREAM  {state,since}             saas-sync → sdk-gateway, sse-fanout (XREAD)
 *   stream:sdk_metrics                         STREAM  SDK metrics requests      sdk-gateway → metrics-forwarder (group)
 */

/** A Redis key name built by {@link redisKeys}. */
export type RedisKey = string & { readonly __brand: 'RedisKey' };
/** A Redis stream name from {@link streamNames}. */
export type StreamName = string & { readonly __brand: 'StreamName' };
/** A `SCAN MATCH` pattern built by {@link scanPatterns}. */
export type ScanPattern = string & { readonly __brand: 'ScanPattern' };

const asKey = (name: string) => name as RedisKey;

function part(id: string): string {
  if (id === '') throw new Error('empty part in a Redis name');
  return id;
}

/** Escapes glob characters so an identifier matches only itself in a SCAN pattern (§8.2). */
export function escapeGlob(id: string): string {
  return id.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Builders of every documented key (spec/redis-contract.md §3). Parts are used verbatim. */
export const redisKeys = {
  authKey: (sdkKeyHash: string): RedisKey => asKey(`auth-key-${part(sdkKeyHash)}`),
  apiConfigs: (envId: string): RedisKey => asKey(`env-${part(envId)}-api-configs`),
  featureConfigs: (envId: string): RedisKey => asKey(`env-${part(envId)}-feature-configs`),
  featureConfig: (envId: string, identifier: string): RedisKey =>
    asKey(`env-${part(envId)}-feature-configs-${part(identifier)}`),
  segments: (envId: string): RedisKey => asKey(`env-${part(envId)}-segments`),
  segment: (envId: string, identifier: string): RedisKey => asKey(`env-${part(envId)}-segments-${part(identifier)}`),
  meta: (envId: string): RedisKey => asKey(`env-${part(envId)}-meta`),
  version: (envId: string): RedisKey => asKey(`env-${part(envId)}-version`),
  targetConfig: (envId: string, targetIdentifier: string): RedisKey =>
    asKey(`env-${part(envId)}-target-config-${part(targetIdentifier)}`),
  inventory: (proxyKeyHash: string): RedisKey => asKey(`key-${part(proxyKeyHash)}-inventory`),
  leader: (proxyKeyHash: string): RedisKey => asKey(`key-${part(proxyKeyHash)}-leader`),
  configStatus: (): RedisKey => asKey('ffproxy_config_status'),
  schemaVersion: (): RedisKey => asKey('ffproxy_schema_version'),
} as const;

/** The three streams (spec/redis-contract.md §4). */
export const streamNames = {
  sseEvents: 'proxy:sse_events' as StreamName,
  saasStreamHealth: 'ffproxy_saas_stream_health' as StreamName,
  sdkMetrics: 'stream:sdk_metrics' as StreamName,
} as const;

/** The consumer group of `stream:sdk_metrics` (§4.4). */
export const METRICS_CONSUMER_GROUP = 'metrics-forwarder';

/** SCAN patterns (§5.4, §5.6). */
export const scanPatterns = {
  targetConfigs: (envId: string): ScanPattern => `env-${escapeGlob(part(envId))}-target-config-*` as ScanPattern,
  inventories: (): ScanPattern => 'key-*-inventory' as ScanPattern,
} as const;

/** Prefix of every auth key name; the JWT `apiKey` claim starts with it. */
export const AUTH_KEY_PREFIX = 'auth-key-';

/** The SDK key hash of an `auth-key-<hash>` name, or `undefined` for any other name. */
export function sdkKeyHashOf(authKeyName: string): string | undefined {
  return authKeyName.startsWith(AUTH_KEY_PREFIX) && authKeyName.length > AUTH_KEY_PREFIX.length
    ? authKeyName.slice(AUTH_KEY_PREFIX.length)
    : undefined;
}
