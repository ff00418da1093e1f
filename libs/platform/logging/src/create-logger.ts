import { createLogger as createWinstonLogger, format, transports, type Logger as WinstonLogger } from 'winston';
import type { Writable } from 'node:stream';
import { formatLogLine } from './format-log-line';
import type { LogFields, Logger } from './logger';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** `service` field of every line: the service name, `relay-proxy` in the all-in-one. */
  service: string;
  /** Minimum level (env `LOG_LEVEL`). Default `info`. */
  level?: 'debug' | 'info' | 'warn' | 'error';
  /** `instance` field: `<hostname>:<pid>:<8 hex>`. */
  instance: string;
  /** `version` field: the product version. */
  version: string;
  /** Where lines go. Default stdout. */
  stream?: Writable;
}

const jsonLine = format.printf(({ level, message, ...rest }) => {
  const { withStack, ...fields } = rest as LogFields & { withStack?: boolean };
  return JSON.stringify(formatLogLine(level, String(message), fields, { withStack: withStack === true }));
});

function wrap(winston: WinstonLogger, debugEnabled: boolean): Logger {
  const log = (level: string) => (msg: string, fields: LogFields = {}) =>
    winston.log(level, msg, debugEnabled ? { ...fields, withStack: true } : fields);
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (fields) => wrap(winston.child(fields), debugEnabled),
    isDebugEnabled: () => debugEnabled,
  };
}

/** Creates the process logger: winston writing one JSON object per line (spec/observability.md §4). */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? 'info';
  const winston = createWinstonLogger({
    level,
    levels: { error: 0, warn: 1, info: 2, debug: 3 },
    defaultMeta: { service: options.service, instance: options.instance, version: options.version },
    format: jsonLine,
    transports: [
      options.stream
        ? new transports.Stream({ stream: options.stream })
        : new transports.Console({ forceConsole: true }),
    ],
  });
  return wrap(winston, level === 'debug');
}
