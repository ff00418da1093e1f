import { jwtVerify } from 'jose';
import { sha256hex } from '@relay/redis-contract';
import { createProxyTokens, type ProxyTokenOptions } from './proxy-tokens';
import { jwtPayload } from './testing/emulator-fixtures';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const options = (overrides: Partial<ProxyTokenOptions> = {}): ProxyTokenOptions => ({
  secret: 'emulator-secret',
  now: () => 1_700_000_000_000,
  account: 'acc-123',
  cluster: '1',
  organization: 'org-1',
  ...overrides,
});

describe('createProxyTokens', () => {
  it('issues an HS256 JWT with the proxy claims of spec/saas-api.md §2, in order', async () => {
    const token = createProxyTokens(options()).issue('d8ba3e2f-3993-4ae1-9bc9-014f5ec68273', [ENV]);
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode('emulator-secret'));
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(payload)).toEqual([
      'cluster_identifier',
      'account',
      'organization',
      'key_type',
      'key',
      'environments',
    ]);
    expect(payload).toEqual({
      cluster_identifier: '1',
      account: 'acc-123',
      organization: 'org-1',
      key_type: 'Proxy',
      key: '919f70fc3782b05c7e4a1aa13b4c368b11fec44e23a1369d6af8966205e5c3f8',
      environments: [ENV],
    });
  });

  it('is deterministic for a fixed secret and clock', () => {
    const first = createProxyTokens(options({ ttlSeconds: 60 })).issue('k', [ENV]);
    expect(createProxyTokens(options({ ttlSeconds: 60 })).issue('k', [ENV])).toBe(first);
    expect(createProxyTokens(options({ secret: 'other' })).issue('k', [ENV])).not.toBe(first);
  });

  it('adds iat and exp when a lifetime is set', () => {
    const token = createProxyTokens(options({ ttlSeconds: 600 })).issue('k', []);
    expect(jwtPayload(token)).toMatchObject({ iat: 1_700_000_000, exp: 1_700_000_600 });
  });

  it('verifies its own tokens and returns the key hash', () => {
    const tokens = createProxyTokens(options());
    expect(tokens.verify(`Bearer ${tokens.issue('k', [])}`)).toBe(sha256hex('k'));
    expect(tokens.verify([`Bearer ${tokens.issue('k', [])}`])).toBe(sha256hex('k'));
  });

  it('rejects missing, malformed, foreign and tampered tokens', () => {
    const tokens = createProxyTokens(options());
    const foreign = createProxyTokens(options({ secret: 'someone-else' })).issue('k', []);
    const [head, , mac] = tokens.issue('k', []).split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ key: sha256hex('other') })).toString('base64url');
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Basic abc',
      'Bearer a.b',
      `Bearer ${foreign}`,
      `Bearer ${head}.${forgedPayload}.${mac}`,
    ]) {
      expect(tokens.verify(header)).toBeUndefined();
    }
  });

  it('rejects a token once its exp has passed on the injected clock', () => {
    let now = 1_700_000_000_000;
    const tokens = createProxyTokens(options({ ttlSeconds: 10, now: () => now }));
    const header = `Bearer ${tokens.issue('k', [])}`;
    now += 9_999;
    expect(tokens.verify(header)).toBe(sha256hex('k'));
    now += 1;
    expect(tokens.verify(header)).toBeUndefined();
  });

  it('signs arbitrary payloads with the same secret', async () => {
    const token = createProxyTokens(options()).sign({ environment: ENV });
    const { payload } = await jwtVerify(token, new TextEncoder().encode('emulator-secret'));
    expect(payload).toEqual({ environment: ENV });
  });
});
