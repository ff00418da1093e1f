import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEnvReader,
  readOutboundProxyOptions,
  readRedisOptions,
  readServiceOptions,
  readTlsOptions,
  type Env,
  type EnvReader,
} from '@relay/config';
import { readMetricsForwarderConfig } from '@relay/metrics-forwarder';
import { readSaasSyncConfig } from '@relay/saas-sync';
import { readSdkGatewayConfig } from '@relay/sdk-gateway';
import { readSseFanoutConfig } from '@relay/sse-fanout';
import { REPO_ROOT, type Service } from './deploy-paths';

type ConfigReader = (reader: EnvReader) => unknown;

const CONFIG_READERS: Record<string, ConfigReader> = {
  readServiceOptions,
  readRedisOptions: (reader) => readRedisOptions(reader, { required: true }),
  readTlsOptions,
  readOutboundProxyOptions,
  readSaasSyncConfig,
  readSdkGatewayConfig,
  readSseFanoutConfig,
  readMetricsForwarderConfig,
};

/** The readers each composition root calls (apps/<service>/src/main.ts); a test keeps the two in step. */
export const SERVICE_READERS: Record<Service, readonly string[]> = {
  'saas-sync': ['readServiceOptions', 'readSaasSyncConfig', 'readRedisOptions', 'readOutboundProxyOptions'],
  'sdk-gateway': ['readServiceOptions', 'readRedisOptions', 'readTlsOptions', 'readSdkGatewayConfig'],
  'sse-fanout': ['readServiceOptions', 'readRedisOptions', 'readTlsOptions', 'readSseFanoutConfig'],
  'metrics-forwarder': [
    'readServiceOptions',
    'readRedisOptions',
    'readOutboundProxyOptions',
    'readMetricsForwarderConfig',
  ],
};

/** The `read…Options` / `read…Config` functions that `apps/<service>/src/main.ts` calls with the env reader. */
export function readersCalledByMain(service: Service): string[] {
  const source = readFileSync(join(REPO_ROOT, 'apps', service, 'src/main.ts'), 'utf8');
  const names = [...source.matchAll(/\b(read\w+(?:Options|Config))\(reader\b/g)].map((match) => match[1] as string);
  return [...new Set(names)].sort();
}

/** An {@link Env} over `values` that records the name of every variable looked up. */
export function createRecordingEnv(values: Record<string, string>, seen: Set<string>): Env {
  return new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string') seen.add(name);
      return typeof name === 'string' ? target[name] : undefined;
    },
  });
}

/**
 * Settings that open the readers' conditional branches, so every variable a reader can look up is
 * looked up at least once (e.g. `TLS_CERT` only with `TLS_ENABLED=true`).
 */
const SCENARIOS: readonly Record<string, string>[] = [
  {},
  { TLS_ENABLED: 'true', REDIS_ADDRESS: 'localhost:6379', REDIS_POOL_SIZE: '5', OFFLINE: 'true' },
  { METRIC_POST_DURATION: '0', BYPASS_AUTH: 'true', GENERATE_OFFLINE_CONFIG: 'true' },
];

/** Every environment variable `service` reads, recorded by running its configuration readers. */
export function envNamesReadBy(service: Service): Set<string> {
  const seen = new Set<string>();
  for (const scenario of SCENARIOS) {
    const reader = createEnvReader(createRecordingEnv({ ...scenario }, seen));
    for (const name of SERVICE_READERS[service]) {
      const read = CONFIG_READERS[name];
      if (!read) throw new Error(`no reader named ${name}`);
      read(reader);
    }
  }
  return seen;
}

/** A valid minimal environment of `service` (spec/configuration.md §3), to vary one variable at a time. */
export function minimalEnv(): Record<string, string> {
  return {
    REDIS_ADDRESS: '127.0.0.1:6390',
    PROXY_KEY: 'deploy-test-proxy-key',
    AUTH_SECRET: 'deploy-test-auth-secret-0123456789abcdef',
  };
}

/** The problems `service`'s readers report for `env` (what would stop it at startup), empty when it starts. */
export function configProblems(service: Service, env: Record<string, string>): string[] {
  const reader = createEnvReader(env);
  for (const name of SERVICE_READERS[service]) CONFIG_READERS[name]?.(reader);
  try {
    reader.finish();
    return [];
  } catch (error) {
    return [...((error as { problems?: readonly string[] }).problems ?? [String(error)])];
  }
}
