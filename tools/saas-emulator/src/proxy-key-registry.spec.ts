import { sha256hex } from '@relay/redis-contract';
import { createProxyKeyRegistry } from './proxy-key-registry';
import { startSaasEmulator } from './start-saas-emulator';
import { authenticate, ENV_A, specState } from './testing/emulator-fixtures';
import { openTestStream } from './testing/open-test-stream';

describe('createProxyKeyRegistry', () => {
  it('creates and rescopes keys, reporting the difference', () => {
    const keys = createProxyKeyRegistry(() => 0);
    expect(keys.put('k', ['a', 'b', 'a'])).toEqual({ created: true, added: ['a', 'b'], removed: [] });
    expect(keys.put('k', ['b', 'c'])).toEqual({ created: false, added: ['c'], removed: ['a'] });
    expect(keys.scope('k')).toEqual(['b', 'c']);
    expect(keys.findByHash(sha256hex('k'))).toBe('k');
    expect(keys.delete('k')).toBe(true);
    expect([keys.isValid('k'), keys.scope('k'), keys.delete('k')]).toEqual([false, [], false]);
  });

  it('keeps a rotated-away key valid for its buffer only, on the injected clock', () => {
    let now = 1_000;
    const keys = createProxyKeyRegistry(() => now);
    keys.put('old', ['a']);
    expect(keys.rotate('old', 'new', 5_000)).toEqual({ key: 'new', environments: ['a'] });
    expect(keys.list()).toEqual([
      { key: 'old', environments: ['a'], expiresAt: 6_000 },
      { key: 'new', environments: ['a'] },
    ]);
    now = 5_999;
    expect(keys.isValid('old')).toBe(true);
    now = 6_000;
    expect([keys.isValid('old'), keys.findByHash(sha256hex('old')), keys.isValid('new')]).toEqual([
      false,
      undefined,
      true,
    ]);
  });

  it('makes a key in its buffer valid without limit when it is put again', () => {
    let now = 0;
    const keys = createProxyKeyRegistry(() => now);
    keys.put('old', ['a']);
    keys.rotate('old', 'new', 10);
    keys.put('old', ['a']);
    now = 1_000;
    expect(keys.isValid('old')).toBe(true);
  });
});

describe('rotation with a buffer over HTTP', () => {
  it('accepts the old key until the buffer ends, then rejects it and ends its streams at the next heartbeat', async () => {
    let now = 1_700_000_000_000;
    const emulator = await startSaasEmulator({ state: specState(), now: () => now, heartbeatMs: 100 });
    const token = await authenticate(emulator, 'key-a');
    const stream = await openTestStream(emulator.baseUrl, { Authorization: `Bearer ${token}`, 'API-Key': 'key-a' });
    await emulator.admin.rotateProxyKey('key-a', 'key-a2', 30);
    await stream.waitFor((s) => s.comments() >= 2); // still served: heartbeats go on
    expect(await authenticate(emulator, 'key-a')).toEqual(expect.any(String));
    now += 30_000;
    expect(await stream.ended).toBe('end');
    await expect(authenticate(emulator, 'key-a')).rejects.toThrow(/401/);
    const fresh = await authenticate(emulator, 'key-a2');
    const response = await fetch(`${emulator.clientServiceUrl}/client/env/${ENV_A}/feature-configs`, {
      headers: { Authorization: `Bearer ${fresh}` },
    });
    expect(response.status).toBe(200);
    await emulator.close();
  });
});
