import { readAuthOptions, type AuthOptions, type EnvReader } from '@relay/config';

/** sdk-gateway settings (spec/configuration.md §2). Durations in ms. */
export interface SdkGatewayConfig extends AuthOptions {
  /** `AND_RULES`: AND segment rules in evaluations and `rules=v2` responses. Default false. */
  andRules: boolean;
  /** `FORWARD_TARGETS`: forward `/client/auth` targets as `targetData` (ignored offline). Default false. */
  forwardTargets: boolean;
  /** `METRICS_STREAM_MAX_LEN` (1–10 000 000, default 1000): exact MAXLEN of `stream:sdk_metrics`. */
  metricsStreamMaxLen: number;
  /** `CACHE_REVALIDATE_INTERVAL` (s, 1–3600, default 30): revalidation tick and token-cache age. */
  revalidateIntervalMs: number;
  /** `MAX_REQUEST_BODY_BYTES` (1024–104 857 600, default 4 194 304). */
  maxRequestBodyBytes: number;
  /** `AUTH_TOKEN_TTL` (s, 0–31 536 000, default 0 = tokens without `exp`). */
  authTokenTtlSeconds: number;
  /** `TARGET_TTL` (s, 60–31 536 000, default 30 days): TTL of stored targets. */
  targetTtlSeconds: number;
  /** `READ_REPLICA`: `/health` reports `READ_REPLICA`. Default false. */
  readReplica: boolean;
  /** `OFFLINE`: `FORWARD_TARGETS` is ignored. Default false. */
  offline: boolean;
}

/** Reads {@link SdkGatewayConfig}, recording every problem on `reader`. */
export function readSdkGatewayConfig(reader: EnvReader): SdkGatewayConfig {
  return {
    ...readAuthOptions(reader),
    andRules: reader.bool('AND_RULES', false),
    forwardTargets: reader.bool('FORWARD_TARGETS', false),
    metricsStreamMaxLen: reader.int('METRICS_STREAM_MAX_LEN', { default: 1000, min: 1, max: 10_000_000 }),
    revalidateIntervalMs: reader.int('CACHE_REVALIDATE_INTERVAL', { default: 30, min: 1, max: 3600 }) * 1000,
    maxRequestBodyBytes: reader.int('MAX_REQUEST_BODY_BYTES', { default: 4_194_304, min: 1024, max: 104_857_600 }),
    authTokenTtlSeconds: reader.int('AUTH_TOKEN_TTL', { default: 0, min: 0, max: 31_536_000 }),
    targetTtlSeconds: reader.int('TARGET_TTL', { default: 2_592_000, min: 60, max: 31_536_000 }),
    readReplica: reader.bool('READ_REPLICA', false),
    offline: reader.bool('OFFLINE', false),
  };
}
