import { redisKeys, sha256hex, streamNames } from '@relay/redis-contract';
import { clusterRedisAddress, flushAll, standaloneRedisAddress } from '@relay/redis-test-server';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import { booleanFlag, ENV_A, ENV_B, PROXY_KEY, seedState, SERVER_KEY, startSaasSync, waitFor, type SaasSyncUnderTest } from './testing/saas-sync-harness';

const topologies = [
  ['standalone', standaloneRedisAddress],
  ['cluster', clusterRedisAddress],
] as const;

describe.each(topologies)('saas-sync against Redis %s', (_name, address) => {
  let emulator: SaasEmulator;
  let sync: SaasSyncUnderTest | undefined;
  const start = () => startSaasSync({ REDIS_ADDRESS: address(), CLIENT_SERVICE: emulator.clientServiceUrl });

  beforeEach(async () => {
    await flushAll(address());
    emulator = await startSaasEmulator({ state: seedState(), heartbeatMs: 200 });
  });
  afterEach(async () => {
    await sync?.stop();
    sync = undefined;
    await emulator.close();
  });

  it('writes every environment of the proxy key, byte for byte as SaaS sent it', async () => {
    sync = await start();
    await waitFor(async () => (await sync!.cache.get(redisKeys.configStatus()))?.includes('SYNCED') === true);
    const served = await (await fetch(`${emulator.clientServiceUrl}/client/env/${ENV_A}/feature-configs`, { headers: await proxyAuth(emulator) })).text();
    expect(await sync.cache.get(redisKeys.featureConfigs(ENV_A))).toBe(served);
    const flags = JSON.parse(served) as { feature: string }[];
    for (const flag of flags) expect(await sync.cache.get(redisKeys.featureConfig(ENV_A, flag.feature))).toBe(JSON.stringify(flag));
    expect(await sync.cache.get(redisKeys.authKey(sha256hex(SERVER_KEY)))).toBe(`"${ENV_A}"`);
    expect(await sync.cache.get(redisKeys.apiConfigs(ENV_A))).toBe(`["auth-key-${sha256hex(SERVER_KEY)}"]`);
    expect(JSON.parse((await sync.cache.get(redisKeys.meta(ENV_A))) ?? '')).toEqual({ environmentID: ENV_A, environmentIdentifier: 'dev', projectIdentifier: 'demo', accountID: 'acc-123' });
    const segment = JSON.parse((await sync.cache.get(redisKeys.segment(ENV_A, 'beta'))) ?? '');
    expect(segment.rules).toEqual([{ attribute: 'email', op: 'ends_with', values: ['@example.com'], negate: false }]);
    expect(segment.servingRules).toHaveLength(1);
    expect(await sync.cache.get(redisKeys.featureConfigs(ENV_B))).toContain('"g1"');
    expect(await sync.cache.get(redisKeys.schemaVersion())).toBe('1');
    const health = await sync.events.newest(streamNames.saasStreamHealth);
    expect(JSON.parse(health?.event ?? '').state).toBe('CONNECTED');
    expect(await sync.entries()).toEqual([expect.objectContaining({ event: 'environmentsAdded', environments: [ENV_A, ENV_B] })]);
  });

  it('applies every kind of SaaS event, writing the cache before announcing', async () => {
    sync = await start();
    await waitFor(async () => (await sync!.entries()).length === 1);
    const announced = async (predicate: (e: Awaited<ReturnType<SaasSyncUnderTest['entries']>>[number]) => boolean) =>
      waitFor(async () => (await sync!.entries()).some(predicate));

    await emulator.admin.putFlag(ENV_A, booleanFlag('f1', 'on'));
    await announced((e) => e.event === 'patch' && e.identifier === 'f1');
    expect(await sync.cache.get(redisKeys.featureConfig(ENV_A, 'f1'))).toContain('"state":"on"');

    await emulator.admin.putFlag(ENV_A, booleanFlag('f3'));
    await announced((e) => e.event === 'create' && e.identifier === 'f3');
    await emulator.admin.deleteFlag(ENV_A, 'f2');
    await announced((e) => e.event === 'delete' && e.identifier === 'f2');
    expect(await sync.cache.exists(redisKeys.featureConfig(ENV_A, 'f2'))).toBe(false);

    await emulator.admin.putSegment(ENV_A, { identifier: 'beta', included: [{ identifier: 'alice', name: 'Alice' }], excluded: [], rules: [], servingRules: [] });
    await announced((e) => e.event === 'patch' && e.domain === 'target-segment');
    await emulator.admin.deleteSegment(ENV_A, 'beta');
    await announced((e) => e.event === 'delete' && e.domain === 'target-segment');
    expect(await sync.cache.exists(redisKeys.segments(ENV_A))).toBe(false);

    const added = sha256hex('second-key');
    await emulator.admin.addSdkKey(ENV_A, 'second-key');
    await announced((e) => e.event === 'apiKeyAdded' && e.apiKey === added);
    expect(await sync.cache.get(redisKeys.authKey(added))).toBe(`"${ENV_A}"`);
    await emulator.admin.removeSdkKey(ENV_A, 'second-key');
    await announced((e) => e.event === 'apiKeyRemoved' && e.apiKey === added);
    expect(await sync.cache.exists(redisKeys.authKey(added))).toBe(false);

    await emulator.admin.deleteEnvironment(ENV_B);
    await announced((e) => e.event === 'environmentsRemoved');
    expect(await sync.cache.exists(redisKeys.featureConfigs(ENV_B))).toBe(false);
    await emulator.admin.putEnvironment({ id: ENV_B, identifier: 'prod', project: 'demo' });
    await emulator.admin.putFlag(ENV_B, booleanFlag('back'));
    await waitFor(async () => (await sync!.cache.get(redisKeys.featureConfigs(ENV_B)))?.includes('"back"') === true);

    for (const entry of await sync.entries()) {
      if (entry.domain === 'proxy') continue;
      expect(entry.envVersion).toBeGreaterThan(0);
    }
  });

  it('polls while the SaaS stream is down and publishes a change made meanwhile', async () => {
    sync = await start();
    await waitFor(async () => (await sync!.entries()).length === 1);
    await emulator.admin.setFault({ target: 'stream', mode: 'status', status: 503 });
    await emulator.admin.setFault({ target: 'stream', mode: 'drop', count: 1 });
    await waitFor(async () => JSON.parse((await sync!.events.newest(streamNames.saasStreamHealth))?.event ?? '{}').state === 'DISCONNECTED');
    await emulator.admin.putFlag(ENV_A, booleanFlag('f1', 'on'));
    await waitFor(async () => (await sync!.entries()).some((e) => e.event === 'patch' && e.identifier === 'f1'), 8000);
    expect(sync.logger.find('full sync finished').some((line) => line['trigger'] === 'poll')).toBe(true);
    await emulator.admin.clearFaults();
    await waitFor(async () => JSON.parse((await sync!.events.newest(streamNames.saasStreamHealth))?.event ?? '{}').state === 'CONNECTED', 8000);
  });

  it('cleans up flags deleted while it was down, announcing nothing for unchanged ones', async () => {
    sync = await start();
    await waitFor(async () => (await sync!.entries()).length === 1);
    await sync.stop();
    await emulator.admin.deleteFlag(ENV_A, 'f1');
    sync = await start();
    await waitFor(async () => (await sync!.entries()).length >= 2);
    await sync.role.idle();
    expect((await sync.entries()).slice(1).map((e) => `${e.event} ${e.identifier}`)).toEqual(['delete f1']);
    expect(await sync.cache.exists(redisKeys.featureConfig(ENV_A, 'f1'))).toBe(false);
  });
});

async function proxyAuth(emulator: SaasEmulator): Promise<Record<string, string>> {
  const res = await fetch(`${emulator.clientServiceUrl}/proxy/auth`, { method: 'POST', body: JSON.stringify({ proxyKey: PROXY_KEY }), headers: { 'Content-Type': 'application/json' } });
  return { Authorization: `Bearer ${((await res.json()) as { authToken: string }).authToken}` };
}
