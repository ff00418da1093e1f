import { createHmac } from 'node:crypto';
import { AuthenticationError } from '@relay/errors';
import { createSdkTokens } from './sdk-tokens';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const API_KEY = 'auth-key-d4f79b313f8106f5af108ad96ff516222dbfd5a0ab52f4308e4b1ad1d740de60';
const VECTOR =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcGlLZXkiOiJhdXRoLWtleS1kNGY3OWIzMTNmODEwNmY1YWYxMDhhZDk2ZmY1MTYyMjJkYmZkNWEwYWI1MmY0MzA4ZTRiMWFkMWQ3NDBkZTYwIiwiZW52aXJvbm1lbnQiOiI3MTcxNmYzMC1hZWEwLTQyNzEtODliNS1jYjFjODJiZTQ1NjciLCJjbHVzdGVySWRlbnRpZmllciI6IjEiLCJhY2NvdW50SUQiOiJhY2MtMTIzIiwiZW52aXJvbm1lbnRJZGVudGlmaWVyIjoiZGV2IiwiaWF0IjoxNzAwMDAwMDAwLCJuYmYiOjE3MDAwMDAwMDB9.smpZgRUI0xG8MyehsWIQgjL6kFQcfxKy82T2IjIWRVA';
const NOW = 1_700_000_000_000;

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function forge(header: unknown, payload: unknown, secret = 's3cr3t-first'): string {
  const body = `${b64url(header)}.${b64url(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
const claims = { apiKey: API_KEY, environment: ENV, clusterIdentifier: '1', iat: 1_700_000_000, nbf: 1_700_000_000 };

describe('createSdkTokens', () => {
  const tokens = createSdkTokens({ authSecrets: ['s3cr3t-first', 'old-secret'], now: () => NOW });

  it('issues exactly the documented test vector', async () => {
    const token = await tokens.issue({ apiKey: API_KEY, environment: ENV, accountID: 'acc-123', environmentIdentifier: 'dev' });
    expect(token).toBe(VECTOR);
  });

  it('leaves out unknown identifiers and adds exp only with a token TTL', async () => {
    const withTtl = createSdkTokens({ authSecrets: ['k'], tokenTtlSeconds: 3600, now: () => NOW });
    const payload = JSON.parse(Buffer.from((await withTtl.issue({ apiKey: API_KEY, environment: ENV })).split('.')[1]!, 'base64url').toString());
    expect(payload).toEqual({ apiKey: API_KEY, environment: ENV, clusterIdentifier: '1', iat: 1_700_000_000, nbf: 1_700_000_000, exp: 1_700_003_600 });
  });

  it('verifies tokens signed with any configured secret (rotation)', async () => {
    await expect(tokens.verify(VECTOR)).resolves.toMatchObject({ apiKey: API_KEY, environment: ENV, accountID: 'acc-123' });
    await expect(tokens.verify(forge({ alg: 'HS256', typ: 'JWT' }, claims, 'old-secret'))).resolves.toMatchObject({ environment: ENV });
  });

  it.each([
    ['a foreign secret', forge({ alg: 'HS256', typ: 'JWT' }, claims, 'someone-else')],
    ['alg none', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`],
    ['alg HS512', forge({ alg: 'HS512', typ: 'JWT' }, claims)],
    ['garbage', 'not-a-jwt'],
    ['two segments', 'abc.def'],
    ['an expired token (beyond the 60 s leeway)', forge({ alg: 'HS256' }, { ...claims, exp: 1_699_999_939 })],
    ['nbf in the future', forge({ alg: 'HS256' }, { ...claims, nbf: 1_700_000_061 })],
    ['iat in the future', forge({ alg: 'HS256' }, { ...claims, iat: 1_700_000_061, nbf: undefined })],
    ['a missing environment', forge({ alg: 'HS256' }, { ...claims, environment: '' })],
    ['an apiKey that is not an auth key name', forge({ alg: 'HS256' }, { ...claims, apiKey: 'd4f7' })],
    ['a payload that is not JSON', `${b64url({ alg: 'HS256' })}.${Buffer.from('nope').toString('base64url')}.x`],
  ])('refuses %s with invalid token', async (_name, token) => {
    const error = await tokens.verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe('invalid token');
  });

  it('accepts clock skew within the leeway', async () => {
    await expect(tokens.verify(forge({ alg: 'HS256' }, { ...claims, exp: 1_699_999_970, iat: 1_700_000_050, nbf: 1_700_000_050 }))).resolves.toBeDefined();
  });

  it('signs with the literal secret when no secret is configured (bypass mode)', async () => {
    const bypass = createSdkTokens({ authSecrets: [], now: () => NOW });
    const token = await bypass.issue({ apiKey: API_KEY, environment: ENV });
    await expect(createSdkTokens({ authSecrets: ['secret'], now: () => NOW }).verify(token)).resolves.toBeDefined();
  });
});
