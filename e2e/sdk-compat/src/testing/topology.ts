import type { SaasEmulator } from '@relay/saas-emulator';

/** Which deployment shape a {@link Topology} runs (design/architecture.md, "Deployment shapes"). */
export type TopologyName = 'split' | 'all-in-one';

/** A running proxy fed by its own SaaS emulator (seeded with the demo project), as the SDKs see it. */
export interface Topology {
  name: TopologyName;
  /** The one SDK base URL, `http://127.0.0.1:<port>`, no path (spec/sdk-api.md §1). */
  baseUrl: string;
  emulator: SaasEmulator;
  /** The "stream registered" hook: SDK streams the proxy holds for `envId` (spec/real-sdk-testing.md §2). */
  streamCount(envId: string): Promise<number>;
  /** Split only: SIGKILL saas-sync and start a new process; resolves when it runs (not yet leading). */
  restartSaasSync?(): Promise<void>;
  /** Split only: restart the private redis-server empty; resolves when it accepts connections again. */
  restartRedis?(): Promise<void>;
  /** Split only: whether every service answers `/readyz` with 200. */
  allReady?(): Promise<boolean>;
  /** Stops everything it started; nothing is left running. */
  close(): Promise<void>;
}

/** `AUTH_SECRET` of both shapes (32+ bytes, spec/configuration.md §2.1). */
export const AUTH_SECRET = 'e2e-auth-secret-0123456789abcdef0123456789';

/** The variables both shapes share: the emulator as SaaS, and the fast timings of spec/real-sdk-testing.md §2. */
export function proxyEnv(emulator: SaasEmulator): Record<string, string> {
  return {
    PROXY_KEY: 'demo-proxy-key',
    CLIENT_SERVICE: emulator.clientServiceUrl,
    METRIC_SERVICE: emulator.metricServiceUrl,
    AUTH_SECRET,
    PORT: '0',
    METRIC_POST_DURATION: '1',
    SAAS_POLL_INTERVAL: '1',
    SSE_KEEPALIVE_INTERVAL: '1',
    CACHE_REVALIDATE_INTERVAL: '1',
    LEADER_LEASE_TTL: '3',
    SHUTDOWN_TIMEOUT: '2',
    HEARTBEAT_INTERVAL: '0',
  };
}
