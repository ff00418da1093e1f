import type { EnvReader } from './env-reader';

/** Minimum log level, from `LOG_LEVEL`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Settings every service reads (spec/configuration.md §2). */
export interface ServiceOptions {
  /** `LOG_LEVEL`, case-insensitive; default `info`; an unknown value falls back to `info` with a warning. */
  logLevel: LogLevel;
  /** `HEARTBEAT_INTERVAL` (s) in ms; default 60000; 0 disables the heartbeat log line (decision 9). */
  heartbeatIntervalMs: number;
  /** `SHUTDOWN_TIMEOUT` (s) in ms; default 10000: graceful shutdown budget after SIGTERM/SIGINT. */
  shutdownTimeoutMs: number;
  /** `PORT`; default 8000; 0 picks an ephemeral port. */
  port: number;
  /** `PROMETHEUS_PORT`; default `PORT`. Equal to `port` → `/metrics` on the main server. */
  prometheusPort: number;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Reads {@link ServiceOptions} and warns about accepted-but-unsupported Go variables. */
export function readServiceOptions(reader: EnvReader): ServiceOptions {
  const rawLevel = reader.raw('LOG_LEVEL')?.toLowerCase() ?? 'info';
  const logLevel = LEVELS.find((level) => level === rawLevel);
  if (!logLevel) reader.warn(`LOG_LEVEL: '${reader.raw('LOG_LEVEL')}' is not DEBUG, INFO, WARN or ERROR; using INFO`);
  if (reader.bool('GCP_PROFILER_ENABLED', false)) reader.warn('GCP profiler is not supported');
  if (reader.bool('PPROF', false)) reader.warn('pprof is not supported, use NODE_OPTIONS=--inspect');
  const port = reader.int('PORT', { default: 8000, min: 0, max: 65535 });
  return {
    logLevel: logLevel ?? 'info',
    heartbeatIntervalMs: reader.int('HEARTBEAT_INTERVAL', { default: 60, min: 0, max: 86400 }) * 1000,
    shutdownTimeoutMs: reader.int('SHUTDOWN_TIMEOUT', { default: 10, min: 1, max: 300 }) * 1000,
    port,
    prometheusPort: reader.int('PROMETHEUS_PORT', { default: port, min: 0, max: 65535 }),
  };
}
