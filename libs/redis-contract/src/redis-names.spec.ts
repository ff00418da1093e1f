import { keyTemplate } from './key-template';
import { escapeGlob, redisKeys, scanPatterns, sdkKeyHashOf, streamNames, METRICS_CONSUMER_GROUP } from './redis-names';
import { OFFLINE_PROXY_KEY_HASH, sha256hex } from './sha256-hex';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const HASH = 'd4f79b313f8106f5af108ad96ff516222dbfd5a0ab52f4308e4b1ad1d740de60';

describe('redis names', () => {
  it('spells every documented key and stream exactly', () => {
    expect({
      authKey: redisKeys.authKey(HASH),
      apiConfigs: redisKeys.apiConfigs(ENV),
      featureConfigs: redisKeys.featureConfigs(ENV),
      featureConfig: redisKeys.featureConfig(ENV, 'bool-flag1'),
      segments: redisKeys.segments(ENV),
      segment: redisKeys.segment(ENV, 'beta-users'),
      meta: redisKeys.meta(ENV),
      version: redisKeys.version(ENV),
      targetConfig: redisKeys.targetConfig(ENV, 'user1'),
      inventory: redisKeys.inventory('919f70fc'),
      leader: redisKeys.leader('919f70fc'),
      configStatus: redisKeys.configStatus(),
      schemaVersion: redisKeys.schemaVersion(),
      streams: streamNames,
      group: METRICS_CONSUMER_GROUP,
      targetScan: scanPatterns.targetConfigs(ENV),
      inventoryScan: scanPatterns.inventories(),
    }).toMatchInlineSnapshot(`
{
  "apiConfigs": "env-71716f30-aea0-4271-89b5-cb1c82be4567-api-configs",
  "authKey": "auth-key-d4f79b313f8106f5af108ad96ff516222dbfd5a0ab52f4308e4b1ad1d740de60",
  "configStatus": "ffproxy_config_status",
  "featureConfig": "env-71716f30-aea0-4271-89b5-cb1c82be4567-feature-configs-bool-flag1",
  "featureConfigs": "env-71716f30-aea0-4271-89b5-cb1c82be4567-feature-configs",
  "group": "metrics-forwarder",
  "inventory": "key-919f70fc-inventory",
  "inventoryScan": "key-*-inventory",
  "leader": "key-919f70fc-leader",
  "meta": "env-71716f30-aea0-4271-89b5-cb1c82be4567-meta",
  "schemaVersion": "ffproxy_schema_version",
  "segment": "env-71716f30-aea0-4271-89b5-cb1c82be4567-segments-beta-users",
  "segments": "env-71716f30-aea0-4271-89b5-cb1c82be4567-segments",
  "streams": {
    "saasStreamHealth": "ffproxy_saas_stream_health",
    "sdkMetrics": "stream:sdk_metrics",
    "sseEvents": "proxy:sse_events",
  },
  "targetConfig": "env-71716f30-aea0-4271-89b5-cb1c82be4567-target-config-user1",
  "targetScan": "env-71716f30-aea0-4271-89b5-cb1c82be4567-target-config-*",
  "version": "env-71716f30-aea0-4271-89b5-cb1c82be4567-version",
}
`);
  });

  it('refuses empty parts and keeps other parts verbatim', () => {
    expect(() => redisKeys.featureConfig(ENV, '')).toThrow('empty part');
    expect(redisKeys.featureConfig(ENV, 'a b*')).toBe(`env-${ENV}-feature-configs-a b*`);
  });

  it('escapes glob characters in scan patterns', () => {
    expect(escapeGlob('a*b?c[d]e\\f')).toBe('a\\*b\\?c\\[d\\]e\\\\f');
    expect(scanPatterns.targetConfigs('e*')).toBe('env-e\\*-target-config-*');
  });

  it('hashes with SHA-256 as the documented vectors say', () => {
    expect(sha256hex('apikey1')).toBe(HASH);
    expect(sha256hex('d8ba3e2f-3993-4ae1-9bc9-014f5ec68273')).toBe('919f70fc3782b05c7e4a1aa13b4c368b11fec44e23a1369d6af8966205e5c3f8');
    expect(OFFLINE_PROXY_KEY_HASH).toBe('8e2c7ac508139a02af859de64a4743c1f3946837279332c35ec8f5ddf20654ae');
  });

  it('extracts the SDK key hash of an auth key name', () => {
    expect(sdkKeyHashOf(redisKeys.authKey(HASH))).toBe(HASH);
    expect(sdkKeyHashOf('auth-key-')).toBeUndefined();
    expect(sdkKeyHashOf('env-x-meta')).toBeUndefined();
  });

  it('maps keys to their metric templates', () => {
    expect(keyTemplate(redisKeys.featureConfig(ENV, 'flag-segments-x'))).toBe('env-{envID}-feature-configs-{identifier}');
    expect(keyTemplate(redisKeys.featureConfigs(ENV))).toBe('env-{envID}-feature-configs');
    expect(keyTemplate(redisKeys.segment(ENV, 's'))).toBe('env-{envID}-segments-{identifier}');
    expect(keyTemplate(redisKeys.targetConfig(ENV, 'meta'))).toBe('env-{envID}-target-config-{identifier}');
    expect(keyTemplate(redisKeys.authKey(HASH))).toBe('auth-key-{hash}');
    expect(keyTemplate(redisKeys.leader('h'))).toBe('key-{proxyKeyHash}-leader');
    expect(keyTemplate(redisKeys.version(ENV))).toBe('env-{envID}-version');
  });
});
