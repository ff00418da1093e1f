import { readAuthOptions, type AuthOptions, type EnvReader } from '@relay/config';

/** sse-fanout settings (spec/configuration.md §2). Durations in ms. */
export interface SseFanoutConfig extends AuthOptions {
  /** `SSE_KEEPALIVE_INTERVAL` (s, 1–15, default 15): longest silence on an SDK stream before `:\n\n`. */
  keepAliveIntervalMs: number;
  /** `SSE_EVENT_DELAY_MS` (0–5000, default 0): hold frames back after reading an entry. */
  eventDelayMs: number;
  /** `CACHE_REVALIDATE_INTERVAL` (s, 1–3600, default 30). */
  revalidateIntervalMs: number;
  /** `READ_REPLICA`: `/health` reports `READ_REPLICA`. Default false. */
  readReplica: boolean;
}

/** Reads {@link SseFanoutConfig}, recording every problem on `reader`. */
export function readSseFanoutConfig(reader: EnvReader): SseFanoutConfig {
  return {
    ...readAuthOptions(reader),
    keepAliveIntervalMs: reader.int('SSE_KEEPALIVE_INTERVAL', { default: 15, min: 1, max: 15 }) * 1000,
    eventDelayMs: reader.int('SSE_EVENT_DELAY_MS', { default: 0, min: 0, max: 5000 }),
    revalidateIntervalMs: reader.int('CACHE_REVALIDATE_INTERVAL', { default: 30, min: 1, max: 3600 }) * 1000,
    readReplica: reader.bool('READ_REPLICA', false),
  };
}
