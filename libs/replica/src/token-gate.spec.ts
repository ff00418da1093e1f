import { AuthenticationError } from '@relay/errors';
import { createFakeClock } from '@relay/lifecycle/testing';
import { redisKeys } from '@relay/redis-contract';
import { createMemoryStore, StoreError, type ConfigCache } from '@relay/store';
import { createTokenGate, type TokenIdentity } from './token-gate';

const ENV = 'env-a';
const HASH = 'a'.repeat(64);
const identity: TokenIdentity = { environment: ENV, apiKey: `auth-key-${HASH}` };

function setup() {
  const clock = createFakeClock();
  const { cache } = createMemoryStore({ clock });
  let failing = false;
  const flaky: ConfigCache = {
    ...cache,
    get: (key) => (failing ? Promise.reject(new StoreError('UNAVAILABLE', 'down')) : cache.get(key)),
  };
  const verified: string[] = [];
  const gate = createTokenGate({
    cache: flaky,
    clock,
    revalidateIntervalMs: 30_000,
    verifier: {
      verify: async (token) => {
        verified.push(token);
        if (token === 'good') return identity;
        if (token === 'other-env') return { ...identity, environment: 'env-b' };
        throw new AuthenticationError('invalid token');
      },
    },
  });
  return { clock, cache, gate, verified, fail: (value: boolean) => (failing = value) };
}

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: Error) => error.message);

describe('createTokenGate', () => {
  it('refuses a missing or malformed Authorization header', async () => {
    const { gate } = setup();
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'Bearertoken']) {
      expect(await rejection(gate.authenticate(header))).toBe('missing or malformed jwt');
    }
  });

  it('accepts a verified token whose SDK key still belongs to its environment, any scheme case', async () => {
    const { gate, cache } = setup();
    await cache.set(redisKeys.authKey(HASH), JSON.stringify(ENV));
    await expect(gate.authenticate('bearer   good')).resolves.toEqual(identity);
    expect(await rejection(gate.authenticate('Bearer other-env'))).toBe('invalid token');
    expect(await rejection(gate.authenticate('Bearer forged'))).toBe('invalid token');
  });

  it('refuses a token whose SDK key was removed, once its cache entry is dropped or stale', async () => {
    const { gate, cache, clock, verified } = setup();
    await cache.set(redisKeys.authKey(HASH), JSON.stringify(ENV));
    await gate.authenticate('Bearer good');
    await cache.delete(redisKeys.authKey(HASH));
    await expect(gate.authenticate('Bearer good')).resolves.toEqual(identity);
    expect(verified).toEqual(['good']);
    await clock.advance(30_000);
    expect(await rejection(gate.authenticate('Bearer good'))).toBe('invalid token');
    await cache.set(redisKeys.authKey(HASH), JSON.stringify(ENV));
    await gate.authenticate('Bearer good');
    await cache.delete(redisKeys.authKey(HASH));
    gate.dropSdkKey(HASH);
    expect(await rejection(gate.authenticate('Bearer good'))).toBe('invalid token');
  });

  it('forgets tokens of removed environments and everything on a gap', async () => {
    const { gate, cache } = setup();
    await cache.set(redisKeys.authKey(HASH), JSON.stringify(ENV));
    await gate.authenticate('Bearer good');
    await cache.delete(redisKeys.authKey(HASH));
    gate.dropEnvironments(['env-x']);
    await expect(gate.authenticate('Bearer good')).resolves.toEqual(identity);
    gate.dropEnvironments([ENV]);
    expect(await rejection(gate.authenticate('Bearer good'))).toBe('invalid token');
    await cache.set(redisKeys.authKey(HASH), JSON.stringify(ENV));
    await gate.authenticate('Bearer good');
    await cache.delete(redisKeys.authKey(HASH));
    gate.dropAll();
    expect(await rejection(gate.authenticate('Bearer good'))).toBe('invalid token');
  });

  it('keeps serving held entries while Redis is down, and fails without one', async () => {
    const { gate, cache, clock, fail } = setup();
    await cache.set(redisKeys.authKey(HASH), JSON.stringify(ENV));
    await gate.authenticate('Bearer good');
    expect(await gate.lookupSdkKey(HASH)).toBe(ENV);
    fail(true);
    await clock.advance(60_000);
    await expect(gate.authenticate('Bearer good')).resolves.toEqual(identity);
    expect(await gate.lookupSdkKey(HASH)).toBe(ENV);
    await expect(gate.lookupSdkKey('b'.repeat(64))).rejects.toBeInstanceOf(StoreError);
    gate.dropAll();
    await expect(gate.authenticate('Bearer good')).rejects.toBeInstanceOf(StoreError);
  });

  it('caches positive SDK key lookups only, and accepts bare values', async () => {
    const { gate, cache } = setup();
    expect(await gate.lookupSdkKey(HASH)).toBeUndefined();
    await cache.set(redisKeys.authKey(HASH), ENV);
    expect(await gate.lookupSdkKey(HASH)).toBe(ENV);
    await cache.delete(redisKeys.authKey(HASH));
    expect(await gate.lookupSdkKey(HASH)).toBe(ENV);
    gate.dropSdkKey(HASH);
    expect(await gate.lookupSdkKey(HASH)).toBeUndefined();
  });
});

describe('createTokenGate with expiring tokens', () => {
  it('refuses a cached token once its exp (plus the 60 s leeway) has passed', async () => {
    const clock = createFakeClock(1_700_000_000_000);
    const { cache } = createMemoryStore({ clock });
    await cache.set(redisKeys.authKey(HASH), JSON.stringify(ENV));
    const gate = createTokenGate({
      cache, clock, revalidateIntervalMs: 3_600_000,
      verifier: { verify: async () => ({ ...identity, exp: 1_700_000_100 }) },
    });
    await expect(gate.authenticate('Bearer t')).resolves.toMatchObject({ environment: ENV });
    await clock.advance(159_000);
    await expect(gate.authenticate('Bearer t')).resolves.toMatchObject({ environment: ENV });
    await clock.advance(1_000);
    expect(await rejection(gate.authenticate('Bearer t'))).toBe('invalid token');
  });
});
