import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@relay/lifecycle';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { OFFLINE_PROXY_KEY_HASH, parseConfigStatus, redisKeys, sha256hex, streamNames, type RedisKey } from '@relay/redis-contract';
import { flushAll, standaloneRedisAddress } from '@relay/redis-test-server';
import { createSaasAccess } from '@relay/saas-client';
import { startSaasEmulator } from '@relay/saas-emulator';
import { generateOfflineConfig } from '@relay/saas-sync';
import { booleanFlag, ENV_A, PROXY_KEY, seedState, startSaasSync, waitFor, type SaasSyncUnderTest } from './testing/saas-sync-harness';

describe('saas-sync offline', () => {
  let dir = '';
  let sync: SaasSyncUnderTest | undefined;
  beforeEach(async () => {
    await flushAll(standaloneRedisAddress());
    dir = mkdtempSync(join(tmpdir(), 'relay-offline-'));
  });
  afterEach(async () => {
    await sync?.stop();
    sync = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const writeEnv = (flags: unknown[], extra: Record<string, string> = {}) => {
    mkdirSync(join(dir, `env-${ENV_A}`), { recursive: true });
    writeFileSync(join(dir, `env-${ENV_A}`, 'feature_config.json'), JSON.stringify(flags));
    writeFileSync(join(dir, `env-${ENV_A}`, 'auth_config.json'), JSON.stringify([sha256hex('offline-sdk-key')]));
    writeFileSync(join(dir, `env-${ENV_A}`, 'targets.json'), JSON.stringify([{ identifier: 'user1', name: 'User 1', attributes: { plan: 'pro' } }]));
    for (const [file, content] of Object.entries(extra)) writeFileSync(join(dir, `env-${ENV_A}`, file), content);
  };
  const offline = (env: Record<string, string> = {}) =>
    startSaasSync({ REDIS_ADDRESS: standaloneRedisAddress(), OFFLINE: 'true', CONFIG_DIR: dir, PROXY_KEY: '', ...env });

  it('serves the files of CONFIG_DIR without calling SaaS', async () => {
    writeEnv([{ ...booleanFlag('f1'), project: 'demo', environment: 'dev', version: 1 }]);
    sync = await offline();
    await waitFor(async () => parseConfigStatus(await sync!.cache.get(redisKeys.configStatus()))?.state === 'SYNCED');
    expect(parseConfigStatus(await sync.cache.get(redisKeys.configStatus()))?.source).toBe('offline');
    expect(await sync.cache.get(redisKeys.authKey(sha256hex('offline-sdk-key')))).toBe(`"${ENV_A}"`);
    expect(await sync.cache.get(redisKeys.featureConfig(ENV_A, 'f1'))).toContain('"feature":"f1"');
    expect(await sync.cache.get(redisKeys.targetConfig(ENV_A, 'user1'))).toBe('{"identifier":"user1","name":"User 1","attributes":{"plan":"pro"}}');
    expect(JSON.parse((await sync.cache.get(redisKeys.inventory(OFFLINE_PROXY_KEY_HASH))) ?? '').keys).toContain(`env-${ENV_A}-target-config-user1`);
    expect(JSON.parse((await sync.events.newest(streamNames.saasStreamHealth))?.event ?? '').state).toBe('DISCONNECTED');
  });

  it('reloads changed files as events, and keeps the last good state when a file is broken', async () => {
    writeEnv([{ ...booleanFlag('f1'), version: 1 }, { ...booleanFlag('f2'), version: 1 }]);
    sync = await offline({ OFFLINE_RELOAD_INTERVAL: '1' });
    await waitFor(async () => (await sync!.entries()).length === 1);
    writeEnv([{ ...booleanFlag('f1', 'on'), version: 2 }]);
    await waitFor(async () => (await sync!.entries()).length === 3, 5000);
    expect((await sync.entries()).slice(1).map((e) => `${e.event} ${e.identifier}`)).toEqual(['patch f1', 'delete f2']);
    writeFileSync(join(dir, `env-${ENV_A}`, 'feature_config.json'), '[{"feature":');
    await waitFor(() => sync!.logger.find('full sync failed').length > 0, 5000);
    expect(await sync.cache.get(redisKeys.featureConfig(ENV_A, 'f1'))).toContain('"state":"on"');
    expect((await sync.entries()).length).toBe(3);
  });

  it('round-trips: generated files served offline give the same keys as the online sync', async () => {
    const emulator = await startSaasEmulator({ state: seedState(), heartbeatMs: 200 });
    try {
      const online = await startSaasSync({ REDIS_ADDRESS: standaloneRedisAddress(), CLIENT_SERVICE: emulator.clientServiceUrl });
      await waitFor(async () => parseConfigStatus(await online.cache.get(redisKeys.configStatus()))?.state === 'SYNCED');
      const onlineValues = await dataValues(online, sha256hex(PROXY_KEY));
      await online.stop();
      const registry = createMetricsRegistry({ service: 't', version: 't' });
      const saas = createSaasAccess({ clientServiceUrl: emulator.clientServiceUrl, proxyKey: PROXY_KEY, version: 't', registry, clock: systemClock }).api;
      await generateOfflineConfig({ saas, configDir: dir, clock: systemClock, logger: createCapturingLogger() });
      await flushAll(standaloneRedisAddress());
      sync = await offline({ PROXY_KEY });
      await waitFor(async () => parseConfigStatus(await sync!.cache.get(redisKeys.configStatus()))?.state === 'SYNCED');
      expect(await dataValues(sync, sha256hex(PROXY_KEY))).toEqual(onlineValues);
    } finally {
      await emulator.close();
    }
  });
});

/** Every inventory key except version and meta (which differ by time and account), with its value. */
async function dataValues(sync: SaasSyncUnderTest, proxyKeyHash: string): Promise<Record<string, string | undefined>> {
  const keys = (JSON.parse((await sync.cache.get(redisKeys.inventory(proxyKeyHash))) ?? '{"keys":[]}') as { keys: string[] }).keys;
  const values: Record<string, string | undefined> = {};
  for (const key of keys.filter((k) => !k.endsWith('-version') && !k.endsWith('-meta'))) values[key] = await sync.cache.get(key as RedisKey);
  return values;
}
