import { sha256hex } from '@relay/redis-contract';
import type { SaasEmulator } from './saas-emulator-options';
import { startSaasEmulator } from './start-saas-emulator';
import {
  authenticate,
  ENV_A,
  ENV_B,
  ENV_C,
  flagInput,
  jwtPayload,
  saasGet,
  specState,
} from './testing/emulator-fixtures';

const post = (emulator: SaasEmulator, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${emulator.clientServiceUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
const configPath = (key: string, query = '') =>
  `/proxy/config?cluster=1&key=${encodeURIComponent(key)}&pageNumber=0&pageSize=10${query}`;

describe('the SaaS API', () => {
  let emulator: SaasEmulator;
  beforeEach(async () => {
    emulator = await startSaasEmulator({ state: specState(), jwtSecret: 'spec-secret' });
  });
  afterEach(() => emulator.close());

  describe('POST /proxy/auth', () => {
    it('answers a token whose environments claim lists the existing environments of the key', async () => {
      const token = await authenticate(emulator, 'key-ab');
      expect(jwtPayload(token)).toEqual({
        cluster_identifier: '1',
        account: 'acc-123',
        organization: 'org-1',
        key_type: 'Proxy',
        key: sha256hex('key-ab'),
        environments: [ENV_A, ENV_B],
      });
    });

    it('rejects an unknown key with 401 and a body without proxyKey with 400', async () => {
      expect((await post(emulator, '/proxy/auth', '{"proxyKey":"nope"}')).status).toBe(401);
      expect((await post(emulator, '/proxy/auth', '{}')).status).toBe(400);
      expect((await post(emulator, '/proxy/auth', 'not json')).status).toBe(400);
    });

    it('answers the configured status for a rejected key', async () => {
      const strict = await startSaasEmulator({ rejectedKeyStatus: 404 });
      const response = await fetch(`${strict.clientServiceUrl}/proxy/auth`, {
        method: 'POST',
        body: '{"proxyKey":"x"}',
      });
      expect(response.status).toBe(404);
      await strict.close();
    });
  });

  describe('GET /proxy/config', () => {
    it('serves every environment of the key with hashed SDK keys, full arrays and serving rules', async () => {
      const { status, body } = await saasGet(emulator, configPath('key-a'), await authenticate(emulator, 'key-a'));
      expect(status).toBe(200);
      expect(body).toMatchObject({ itemCount: 1, pageCount: 1, pageIndex: 0, pageSize: 10 });
      const [environment] = (body as { environments: Record<string, unknown>[] }).environments;
      expect(environment).toEqual({
        id: ENV_A,
        apiKeys: [sha256hex('sdk-a')],
        featureConfigs: [
          {
            ...flagInput('f1'),
            project: 'p1',
            environment: 'dev',
            rules: [],
            prerequisites: [],
            variationToTargetMap: [],
            version: 1,
          },
        ],
        segments: [
          expect.objectContaining({
            identifier: 's1',
            environment: 'dev',
            excluded: [],
            servingRules: expect.any(Array),
          }),
        ],
      });
    });

    it('pages honestly and filters by environment', async () => {
      const token = await authenticate(emulator, 'key-ab');
      const page = async (n: number, size: number, extra = '') =>
        (await saasGet(emulator, `/proxy/config?cluster=1&key=key-ab&pageNumber=${n}&pageSize=${size}${extra}`, token))
          .body as {
          itemCount: number;
          pageCount: number;
          pageIndex: number;
          environments: { id: string }[];
        };
      expect(await page(0, 1)).toMatchObject({
        itemCount: 2,
        pageCount: 2,
        pageIndex: 0,
        environments: [{ id: ENV_A }],
      });
      expect(await page(1, 1)).toMatchObject({
        itemCount: 2,
        pageCount: 2,
        pageIndex: 1,
        environments: [{ id: ENV_B }],
      });
      expect(await page(2, 1)).toMatchObject({ pageIndex: 2, environments: [] });
      expect(await page(0, 10, `&environment=${ENV_B}`)).toMatchObject({
        itemCount: 1,
        pageCount: 1,
        environments: [{ id: ENV_B }],
      });
      expect(await page(0, 10, `&environment=${ENV_C}`)).toMatchObject({
        itemCount: 0,
        pageCount: 1,
        environments: [],
      });
    });

    it('answers 401 without a valid token and 403 without the valid key of the token', async () => {
      const token = await authenticate(emulator, 'key-a');
      expect((await saasGet(emulator, configPath('key-a'))).status).toBe(401);
      expect((await saasGet(emulator, configPath('key-a'), 'x.y.z')).status).toBe(401);
      expect((await saasGet(emulator, configPath('unknown'), token)).status).toBe(403);
      expect((await saasGet(emulator, configPath('key-ab'), token)).status).toBe(403);
      expect((await saasGet(emulator, '/proxy/config?key=key-a&pageSize=0', token)).status).toBe(400);
    });

    it('covers no environment for a key whose environments do not exist', async () => {
      await emulator.admin.putProxyKey('key-future', ['not-yet']);
      const { body } = await saasGet(emulator, configPath('key-future'), await authenticate(emulator, 'key-future'));
      expect(body).toMatchObject({ itemCount: 0, pageCount: 1, environments: [] });
    });
  });

  describe('GET /client/env/{env}/feature-configs and target-segments', () => {
    it('serves the flags of a covered environment', async () => {
      const { status, body } = await saasGet(
        emulator,
        `/client/env/${ENV_B}/feature-configs?cluster=1`,
        await authenticate(emulator, 'key-ab'),
      );
      expect(status).toBe(200);
      expect(body).toEqual([expect.objectContaining({ feature: 'f2', environment: 'prod', version: 1 })]);
    });

    it('serves servingRules only with rules=v2', async () => {
      const token = await authenticate(emulator, 'key-a');
      const v2 = (await saasGet(emulator, `/client/env/${ENV_A}/target-segments?cluster=1&rules=v2`, token))
        .body as object[];
      const legacy = (await saasGet(emulator, `/client/env/${ENV_A}/target-segments?cluster=1`, token))
        .body as object[];
      expect(v2[0]).toHaveProperty('servingRules', [expect.objectContaining({ ruleId: 'r1' })]);
      expect(v2[0]).toHaveProperty('rules', [expect.objectContaining({ op: 'ends_with' })]);
      expect(legacy[0]).not.toHaveProperty('servingRules');
      expect(legacy[0]).toHaveProperty('rules', [expect.objectContaining({ op: 'ends_with' })]);
    });

    it('answers 401 without a token, 403 outside the key scope and 404 for a covered environment that does not exist', async () => {
      const token = await authenticate(emulator, 'key-a');
      await emulator.admin.putProxyKey('key-a', [ENV_A, 'gone']);
      expect((await saasGet(emulator, `/client/env/${ENV_A}/feature-configs`)).status).toBe(401);
      expect((await saasGet(emulator, `/client/env/${ENV_B}/feature-configs`, token)).status).toBe(403);
      expect((await saasGet(emulator, `/client/env/${ENV_B}/target-segments`, token)).status).toBe(403);
      expect((await saasGet(emulator, `/client/env/gone/target-segments`, token)).status).toBe(404);
    });
  });

  describe('POST /client/auth', () => {
    it('answers an SDK token for a registered SDK key and 401 otherwise', async () => {
      const ok = await post(
        emulator,
        '/client/auth',
        JSON.stringify({ apiKey: 'sdk-a', target: { identifier: 'u1' } }),
      );
      expect(ok.status).toBe(200);
      const { authToken } = (await ok.json()) as { authToken: string };
      expect(jwtPayload(authToken)).toMatchObject({
        environment: ENV_A,
        environmentIdentifier: 'dev',
        clusterIdentifier: '1',
        accountID: 'acc-123',
      });
      expect((await post(emulator, '/client/auth', '{"apiKey":"other"}')).status).toBe(401);
      expect((await post(emulator, '/client/auth', '[]')).status).toBe(400);
    });
  });

  describe('POST /metrics/{env}', () => {
    it('accepts a metrics body with a token covering the environment', async () => {
      const token = await authenticate(emulator, 'key-a');
      const headers = { Authorization: `Bearer ${token}` };
      const ok = await post(emulator, `/metrics/${ENV_A}?cluster=1`, '{"metricsData":[]}', headers);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('');
      expect((await post(emulator, `/metrics/${ENV_A}`, '{}')).status).toBe(401);
      expect((await post(emulator, `/metrics/${ENV_B}`, '{}', headers)).status).toBe(403);
      expect((await post(emulator, `/metrics/${ENV_A}`, 'nope', headers)).status).toBe(400);
    });
  });

  it('answers 404 with a SaaS error for an unknown path', async () => {
    expect(await saasGet(emulator, '/nothing/here')).toMatchObject({ status: 404, body: { code: '404' } });
  });
});
