import { parseConfigStatus, redisKeys, sha256hex, streamNames } from '@relay/redis-contract';
import { flushAll, standaloneRedisAddress } from '@relay/redis-test-server';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import { booleanFlag, ENV_A, ENV_B, PROXY_KEY, seedState, startSaasSync, waitFor, type SaasSyncUnderTest } from './testing/saas-sync-harness';

describe('saas-sync under SaaS faults and bad input', () => {
  let emulator: SaasEmulator;
  let sync: SaasSyncUnderTest | undefined;
  const start = (env: Record<string, string> = {}) =>
    startSaasSync({ REDIS_ADDRESS: standaloneRedisAddress(), CLIENT_SERVICE: emulator.clientServiceUrl, ...env });
  const status = async () => parseConfigStatus(await sync!.cache.get(redisKeys.configStatus()));
  const synced = () => waitFor(async () => (await status())?.state === 'SYNCED');

  beforeEach(async () => {
    await flushAll(standaloneRedisAddress());
    emulator = await startSaasEmulator({ state: seedState(), heartbeatMs: 200 });
  });
  afterEach(async () => {
    await sync?.stop();
    sync = undefined;
    await emulator.close();
  });

  it('retries a failing start-up sync until SaaS recovers', async () => {
    await emulator.admin.setFault({ target: 'proxy-config', mode: 'status', status: 500, count: 5 });
    sync = await start();
    await waitFor(async () => (await status())?.state === 'FAILED_TO_SYNC');
    expect(await sync.cache.exists(redisKeys.featureConfigs(ENV_A))).toBe(false);
    await synced();
    expect(await sync.cache.exists(redisKeys.featureConfigs(ENV_A))).toBe(true);
    expect(sync.logger.find('full sync failed').length).toBeGreaterThan(0);
  });

  it('writes nothing from a page that is not valid JSON, then syncs on the retry', async () => {
    await emulator.admin.setFault({ target: 'proxy-config', mode: 'malformed', count: 1 });
    sync = await start();
    await synced();
    expect(sync.logger.find('full sync failed')[0]).toMatchObject({ trigger: 'leader' });
    expect(await sync.entries()).toHaveLength(1);
  });

  it('records a rejected proxy key and keeps serving what was cached', async () => {
    sync = await start();
    await synced();
    await sync.stop();
    sync = await start({ PROXY_KEY: 'not-a-known-key' });
    await waitFor(async () => (await status())?.error === 'proxy key rejected (401)');
    expect((await status())?.state).toBe('FAILED_TO_SYNC');
    expect(await sync.cache.exists(redisKeys.featureConfigs(ENV_A))).toBe(true);
    expect(sync.logger.find('proxy key rejected')[0]).toMatchObject({ status: 401 });
  });

  it('retries a stale list read until it shows the announced version', async () => {
    sync = await start();
    await synced();
    await emulator.admin.setFault({ target: 'feature-configs', mode: 'stale', count: 2 });
    const flag = await emulator.admin.putFlag(ENV_A, booleanFlag('f1', 'on'));
    await waitFor(async () => (await sync!.entries()).some((e) => e.event === 'patch' && e.identifier === 'f1' && e.version === flag.version));
    expect(await sync.cache.get(redisKeys.featureConfig(ENV_A, 'f1'))).toContain(`"version":${flag.version}`);
  });

  it('ignores malformed and unknown events, and resyncs after incomplete ones or unknown environments', async () => {
    sync = await start();
    await synced();
    await emulator.admin.sendData('{not json');
    await emulator.admin.sendEvent({ event: 'somethingNew', domain: 'proxy' });
    await emulator.admin.sendEvent({ event: 'apiKeyAdded', domain: 'proxy', environments: [], apiKey: sha256hex('x') });
    await waitFor(() => sync!.logger.find('full sync finished').some((line) => line['trigger'] === 'resync'));
    await emulator.admin.sendEvent({ event: 'patch', domain: 'flag', identifier: 'x', version: 1, environment: 'unknown-env' });
    await waitFor(() => sync!.logger.find('full sync finished').filter((line) => line['trigger'] === 'resync').length >= 2);
    expect(sync.logger.find('saas event ignored')).toHaveLength(2);
    await emulator.admin.putFlag(ENV_A, booleanFlag('f1', 'on'));
    await waitFor(async () => (await sync!.entries()).some((e) => e.event === 'patch' && e.identifier === 'f1'));
  });

  it('detects a silent stream with the read timeout and reconnects', async () => {
    sync = await start();
    await synced();
    await emulator.admin.setFault({ target: 'stream', mode: 'silence', count: 1 });
    await waitFor(() => sync!.logger.find('saas stream disconnected').some((line) => line['reason'] === 'read timeout'), 10_000);
    await waitFor(() => sync!.logger.find('saas stream connected').length >= 2, 10_000);
    await waitFor(() => sync!.logger.find('full sync finished').some((line) => line['trigger'] === 'reconnect'));
  }, 30_000);

  it('loads environments added to the proxy key without a restart', async () => {
    await emulator.admin.putProxyKey(PROXY_KEY, [ENV_A]);
    sync = await start();
    await synced();
    expect(await sync.cache.exists(redisKeys.featureConfigs(ENV_B))).toBe(false);
    await emulator.admin.putProxyKey(PROXY_KEY, [ENV_A, ENV_B]);
    await waitFor(async () => (await sync!.cache.exists(redisKeys.featureConfigs(ENV_B))));
    expect(sync.logger.find('full sync finished').some((line) => line['trigger'] === 'environment_added')).toBe(true);
    expect((await sync.entries()).at(-1)).toMatchObject({ event: 'environmentsAdded', environments: [ENV_B] });
  });

  it('clears every asset when the proxy key is deleted', async () => {
    sync = await start();
    await synced();
    await emulator.admin.deleteProxyKey(PROXY_KEY);
    await waitFor(async () => (await sync!.entries()).some((e) => e.event === 'proxyKeyDeleted'));
    expect(await sync.cache.exists(redisKeys.inventory(sha256hex(PROXY_KEY)))).toBe(false);
    expect(await sync.cache.exists(redisKeys.featureConfigs(ENV_A))).toBe(false);
    // Later polls fail authentication and overwrite the error; the state stays FAILED_TO_SYNC (§5.5).
    expect(await status()).toMatchObject({ state: 'FAILED_TO_SYNC', lastSyncedAt: expect.any(Number) });
    expect(['proxy key deleted', 'proxy key rejected (401)']).toContain((await status())?.error);
    expect(sync.logger.find('proxy key deleted')).toEqual([expect.objectContaining({ environments: 2 })]);
  });

  it('rewrites everything when Redis was emptied under it', async () => {
    sync = await start();
    await synced();
    await flushAll(standaloneRedisAddress());
    await waitFor(async () => (await sync!.cache.exists(redisKeys.featureConfigs(ENV_A))), 8000);
    await waitFor(async () => (await status())?.state === 'SYNCED');
    expect(await sync.cache.get(redisKeys.schemaVersion())).toBe('1');
    expect(await sync.events.newest(streamNames.sseEvents)).toBeDefined();
  });
});
