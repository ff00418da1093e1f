import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvReader, type Env } from '@relay/config';
import { ConfigError } from '@relay/errors';
import { sha256hex } from '@relay/redis-contract';
import { readRelayProxyConfig } from './read-relay-proxy-config';
import { startRelayProxy, type RelayProxy } from './start-relay-proxy';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const SECRET = 'a-test-secret-of-at-least-32-bytes!!';

function read(env: Env) {
  const reader = createEnvReader(env);
  const config = readRelayProxyConfig(reader);
  return { config, warnings: reader.finish() };
}

function problems(env: Env): readonly string[] {
  try {
    read(env);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  return [];
}

describe('readRelayProxyConfig', () => {
  it('names every bad variable of every role in one error', () => {
    expect(problems({ PORT: 'abc', METRIC_POST_DURATION: 'soon', SAAS_POLL_INTERVAL: '0' })).toEqual(
      expect.arrayContaining([
        "PORT: 'abc' is not an integer",
        "AUTH_SECRET: empty or 'secret' and BYPASS_AUTH is not true",
        'PROXY_KEY: required',
        "METRIC_POST_DURATION: 'soon' is not an integer",
        'SAAS_POLL_INTERVAL: 0 is out of range 1-3600',
      ]),
    );
  });

  it('runs only the SDK-facing roles as a read replica, which needs Redis', () => {
    expect(problems({ READ_REPLICA: 'true', AUTH_SECRET: SECRET })).toEqual(['REDIS_ADDRESS: required when READ_REPLICA=true']);
    expect(read({ READ_REPLICA: 'true', AUTH_SECRET: SECRET, REDIS_ADDRESS: 'redis:6379' }).config.primary).toBeUndefined();
    expect(read({ AUTH_SECRET: SECRET, PROXY_KEY: 'k' }).config.primary).toBeDefined();
  });
});

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (res.headers['content-type'] === 'text/event-stream') res.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('startRelayProxy without Redis, offline', () => {
  let dir = '';
  let proxy: RelayProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the offline files on one port: auth, flags, stream, health', async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-aio-'));
    mkdirSync(join(dir, `env-${ENV}`));
    const flag = { project: 'demo', environment: 'dev', feature: 'f1', state: 'on', kind: 'boolean', version: 1, variations: [{ identifier: 'true', value: 'true' }, { identifier: 'false', value: 'false' }], defaultServe: { variation: 'true' }, offVariation: 'false' };
    writeFileSync(join(dir, `env-${ENV}`, 'feature_config.json'), JSON.stringify([flag]));
    writeFileSync(join(dir, `env-${ENV}`, 'auth_config.json'), JSON.stringify([sha256hex('sdk-key')]));
    const { config, warnings } = read({ OFFLINE: 'true', CONFIG_DIR: dir, AUTH_SECRET: SECRET, PORT: '0', HEARTBEAT_INTERVAL: '0', LOG_LEVEL: 'ERROR' });
    proxy = await startRelayProxy(config, { host: '127.0.0.1', warnings });
    const port = proxy.port;
    for (let i = 0; i < 100 && (await get(port, '/readyz')).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await get(port, '/readyz')).text).toBe('{"status":"ready"}');
    const auth = await get(port, '/client/auth', {}, 'POST', '{"apiKey":"sdk-key"}');
    const token = (JSON.parse(auth.text) as { authToken: string }).authToken;
    const flags = await get(port, `/client/env/${ENV}/feature-configs`, { Authorization: `Bearer ${token}` });
    expect(JSON.parse(flags.text)).toEqual([{ ...flag, rules: [], prerequisites: [], variationToTargetMap: [] }]);
    const stream = await get(port, '/stream', { Authorization: `Bearer ${token}`, 'API-Key': 'sdk-key' });
    expect(stream).toEqual({ status: 200, text: ':\n\n' });
    const health = await get(port, '/health');
    expect(JSON.parse(health.text).configStatus.state).toBe('SYNCED');
    expect((await get(port, '/metrics')).text).toContain('ff_proxy_in_mem_cache_write_count');
  });
});
