import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { flushAll, standaloneRedisAddress, testRedisOptions } from '@relay/redis-test-server';
import { openStore } from '@relay/store-redis';
import { startSaasEmulator, type SaasEmulator } from '@relay/saas-emulator';
import { booleanFlag, ENV_A, FAST_ENV, PROXY_KEY, seedState, startSaasSync, waitFor, type SaasSyncUnderTest } from './testing/saas-sync-harness';

const MAIN = join(__dirname, '../../../dist/apps/saas-sync/main.js');

describe('saas-sync high availability', () => {
  let emulator: SaasEmulator;
  let standby: SaasSyncUnderTest | undefined;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    await flushAll(standaloneRedisAddress());
    emulator = await startSaasEmulator({ state: seedState(), heartbeatMs: 200 });
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    await standby?.stop();
    await emulator.close();
  });

  it('hands over to a standby within the lease time when the leader is killed, without double writes', async () => {
    const env = { ...process.env, ...FAST_ENV, PROXY_KEY, REDIS_ADDRESS: standaloneRedisAddress(), CLIENT_SERVICE: emulator.clientServiceUrl, PORT: '0', LOG_LEVEL: 'ERROR' };
    child = spawn(process.execPath, [MAIN], { env, stdio: 'ignore' });
    const leaderKey = redisKeys.leader(sha256hex(PROXY_KEY));
    const redis = await openStore(testRedisOptions(standaloneRedisAddress()), { logger: createCapturingLogger(), registry: createMetricsRegistry({ service: 't', version: 't' }) });
    await waitFor(() => redis.cache.exists(leaderKey), 10_000); // the child holds the lease
    await redis.close();
    standby = await startSaasSync({ REDIS_ADDRESS: standaloneRedisAddress(), CLIENT_SERVICE: emulator.clientServiceUrl });
    await waitFor(async () => (await standby!.entries()).length === 1);
    expect(standby.role.isLeader()).toBe(false);
    const leaderValue = await standby.cache.get(leaderKey);
    expect(leaderValue).toMatch(/^".+:\d+:[0-9a-f]{8}"$/);

    await emulator.admin.putFlag(ENV_A, booleanFlag('f1', 'on'));
    await waitFor(async () => (await standby!.entries()).filter((e) => e.identifier === 'f1').length === 1);

    const killedAt = Date.now();
    child.kill('SIGKILL');
    await waitFor(() => standby!.role.isLeader(), 6000);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(3000 + 2000); // lease TTL plus one acquire period
    await standby.role.idle();
    expect((await standby.entries()).filter((e) => e.identifier === 'f1')).toHaveLength(1); // nothing re-announced

    await emulator.admin.putFlag(ENV_A, booleanFlag('f2', 'off'));
    await waitFor(async () => (await standby!.entries()).some((e) => e.identifier === 'f2'));
    expect((await standby.entries()).filter((e) => e.identifier === 'f2')).toHaveLength(1);
    expect(await standby.cache.get(leaderKey)).not.toBe(leaderValue);
  }, 30_000);

  it('keeps exactly one leader among two running instances, and a released lease is taken at once', async () => {
    const first = await startSaasSync({ REDIS_ADDRESS: standaloneRedisAddress(), CLIENT_SERVICE: emulator.clientServiceUrl });
    standby = await startSaasSync({ REDIS_ADDRESS: standaloneRedisAddress(), CLIENT_SERVICE: emulator.clientServiceUrl });
    await waitFor(() => first.role.isLeader() !== standby!.role.isLeader());
    const [leader, other] = first.role.isLeader() ? [first, standby] : [standby, first];
    await leader.stop();
    await waitFor(() => other.role.isLeader(), 3000);
    if (leader === standby) standby = other;
    else await first.stop().catch(() => undefined);
  }, 20_000);
});
