import type { EnvReader } from '@relay/config';

/** saas-sync settings (spec/configuration.md §2). Durations in ms. */
export interface SaasSyncConfig {
  /** `PROXY_KEY`; required unless `OFFLINE=true`. Never logged in full. */
  proxyKey: string;
  /** `CLIENT_SERVICE`; default `https://config.ff.harness.io/api/1.0`. */
  clientServiceUrl: string;
  /** `OFFLINE`: load `CONFIG_DIR` instead of SaaS. Default false. */
  offline: boolean;
  /** `CONFIG_DIR`; default `/config`. */
  configDir: string;
  /** `GENERATE_OFFLINE_CONFIG`: write `CONFIG_DIR` from SaaS, then exit. Default false. */
  generateOfflineConfig: boolean;
  /** `SAAS_POLL_INTERVAL` (s, 1–3600, default 60): polling period while the SaaS stream is down. */
  pollIntervalMs: number;
  /** `SAAS_STREAM_READ_TIMEOUT` (s, 5–600, default 60): silence that aborts the SaaS stream. */
  streamReadTimeoutMs: number;
  /** `LEADER_LEASE_TTL` (s, 3–300, default 15). */
  leaseTtlMs: number;
  /** `SSE_EVENTS_STREAM_MAX_LEN` (100–10 000 000, default 10 000): exact MAXLEN of `proxy:sse_events`. */
  sseEventsMaxLen: number;
  /** `OFFLINE_RELOAD_INTERVAL` (s, 0–86400, default 0 = read once at leadership start). */
  offlineReloadIntervalMs: number;
}

/** Reads {@link SaasSyncConfig}, recording every problem on `reader`. */
export function readSaasSyncConfig(reader: EnvReader): SaasSyncConfig {
  const offline = reader.bool('OFFLINE', false);
  const generateOfflineConfig = reader.bool('GENERATE_OFFLINE_CONFIG', false);
  const proxyKey = reader.string('PROXY_KEY');
  if (offline && generateOfflineConfig) reader.problem('GENERATE_OFFLINE_CONFIG: cannot be true together with OFFLINE=true');
  if (proxyKey === '' && (!offline || generateOfflineConfig)) reader.problem('PROXY_KEY: required');
  return {
    proxyKey,
    clientServiceUrl: reader.url('CLIENT_SERVICE', 'https://config.ff.harness.io/api/1.0'),
    offline,
    configDir: reader.string('CONFIG_DIR', '/config'),
    generateOfflineConfig,
    pollIntervalMs: reader.int('SAAS_POLL_INTERVAL', { default: 60, min: 1, max: 3600 }) * 1000,
    streamReadTimeoutMs: reader.int('SAAS_STREAM_READ_TIMEOUT', { default: 60, min: 5, max: 600 }) * 1000,
    leaseTtlMs: reader.int('LEADER_LEASE_TTL', { default: 15, min: 3, max: 300 }) * 1000,
    sseEventsMaxLen: reader.int('SSE_EVENTS_STREAM_MAX_LEN', { default: 10_000, min: 100, max: 10_000_000 }),
    offlineReloadIntervalMs: reader.int('OFFLINE_RELOAD_INTERVAL', { default: 0, min: 0, max: 86_400 }) * 1000,
  };
}
