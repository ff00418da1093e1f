import { createHmac } from 'node:crypto';
import request from 'supertest';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import { createSdkTokens } from '@relay/sdk-auth';
import { booleanFlag, publishChange, seedEnvironment, startGatewayTestbed, waitFor, type GatewayTestbed } from '@relay/sdk-gateway/testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const KEY = 'apikey1';
const SECRET = 's3cr3t-first-and-at-least-32-bytes';
const OLD_SECRET = 's3cr3t-old-one-still-accepted-for-now';
const PATH = `/client/env/${ENV}/feature-configs`;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (overrides: Record<string, unknown> = {}) => ({
  apiKey: redisKeys.authKey(sha256hex(KEY)),
  environment: ENV,
  clusterIdentifier: '1',
  iat: Math.floor(Date.now() / 1000),
  ...overrides,
});

/** A token signed by hand, to reach what the issuer never produces (other algorithms, odd claims). */
function handMade(header: Record<string, unknown>, payload: Record<string, unknown>, secret = SECRET, hash = 'sha256'): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

describe('token checks with real HS256 tokens (spec/sdk-api.md §5.3)', () => {
  let bed: GatewayTestbed;
  const tokens = createSdkTokens({ authSecrets: [SECRET, OLD_SECRET] });
  const get = (token: string) => request(bed.app).get(PATH).set('Authorization', `Bearer ${token}`);

  beforeEach(async () => {
    bed = await startGatewayTestbed({ tokens });
    await seedEnvironment(bed.cache, ENV, { flags: [booleanFlag('f1')], sdkKeys: [KEY] });
  });
  afterEach(() => bed.close());

  it('accepts a token from /client/auth and one signed with the second AUTH_SECRET (rotation)', async () => {
    const auth = await request(bed.app).post('/client/auth').send({ apiKey: KEY }).expect(200);
    await get(auth.body.authToken).expect(200);
    await get(handMade({ alg: 'HS256', typ: 'JWT' }, claims(), OLD_SECRET)).expect(200);
  });

  it.each([
    ['garbled', 'abc.def.ghi'],
    ['two segments', `${b64({ alg: 'HS256' })}.${b64(claims())}`],
    ['a foreign secret', handMade({ alg: 'HS256', typ: 'JWT' }, claims(), 'a-foreign-secret-of-at-least-32-bytes')],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    ['alg HS512', handMade({ alg: 'HS512', typ: 'JWT' }, claims(), SECRET, 'sha512')],
    ['a tampered payload', (() => {
      const [header, , signature] = handMade({ alg: 'HS256', typ: 'JWT' }, claims()).split('.');
      return `${header}.${b64(claims({ environment: 'another-env' }))}.${signature}`;
    })()],
    ['an expired token', handMade({ alg: 'HS256', typ: 'JWT' }, claims({ exp: Math.floor(Date.now() / 1000) - 61 }))],
    ['a token not valid yet', handMade({ alg: 'HS256', typ: 'JWT' }, claims({ nbf: Math.floor(Date.now() / 1000) + 120 }))],
    ['a token issued in the future', handMade({ alg: 'HS256', typ: 'JWT' }, claims({ iat: Math.floor(Date.now() / 1000) + 120 }))],
    ['no environment claim', handMade({ alg: 'HS256', typ: 'JWT' }, claims({ environment: undefined }))],
    ['an apiKey claim that is no auth key', handMade({ alg: 'HS256', typ: 'JWT' }, claims({ apiKey: 'apikey1' }))],
    ['an SDK key that no longer exists', handMade({ alg: 'HS256', typ: 'JWT' }, claims({ apiKey: redisKeys.authKey(sha256hex('gone')) }))],
  ])('answers 401 invalid token for %s', async (_name, token) => {
    await get(token).expect(401, { error: 'invalid token' });
  });

  it('tolerates 60 seconds of clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    await get(handMade({ alg: 'HS256', typ: 'JWT' }, claims({ exp: now - 30, nbf: now + 30, iat: now + 30 }))).expect(200);
  });

  it('refuses every token of an SDK key at once when the key is deleted', async () => {
    const auth = await request(bed.app).post('/client/auth').send({ apiKey: KEY }).expect(200);
    await get(auth.body.authToken).expect(200);
    // saas-sync deletes the key, then announces it (spec/redis-contract.md §4.2).
    await bed.cache.delete(redisKeys.authKey(sha256hex(KEY)));
    await publishChange(bed.events, { event: 'apiKeyRemoved', domain: 'proxy', identifier: '', version: 0, environment: '', environments: [ENV], apiKey: sha256hex(KEY) });
    await waitFor(async () => (await get(auth.body.authToken)).status === 401);
    await get(auth.body.authToken).expect(401, { error: 'invalid token' });
  });

  it('issues the documented token shape', async () => {
    const auth = await request(bed.app).post('/client/auth').send({ apiKey: KEY }).expect(200);
    const [header, payload] = (auth.body.authToken as string).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(JSON.parse(Buffer.from(payload!, 'base64url').toString()))).toEqual([
      'apiKey', 'environment', 'clusterIdentifier', 'accountID', 'environmentIdentifier', 'iat', 'nbf',
    ]);
  });
});
