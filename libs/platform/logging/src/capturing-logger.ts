import type { LogFields, Logger } from './logger';

/** One line recorded by a capturing logger. */
export interface CapturedLine extends LogFields {
  level: 'error' | 'warn' | 'info' | 'debug';
  msg: string;
}

/** A {@link Logger} that keeps every line in memory, for assertions. */
export interface CapturingLogger extends Logger {
  readonly lines: CapturedLine[];
  /** Lines with this `msg`. */
  find(msg: string): CapturedLine[];
}

/** Creates a {@link CapturingLogger}; children share the parent's `lines`. */
export function createCapturingLogger(base: LogFields = {}, lines: CapturedLine[] = []): CapturingLogger {
  const log = (level: CapturedLine['level']) => (msg: string, fields: LogFields = {}) =>
    void lines.push({ ...base, ...fields, level, msg });
  return {
    lines,
    find: (msg) => lines.filter((line) => line.msg === msg),
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (fields) => createCapturingLogger({ ...base, ...fields }, lines),
    isDebugEnabled: () => true,
  };
}
