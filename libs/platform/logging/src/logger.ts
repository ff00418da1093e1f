/** Structured fields of a log line (spec/observability.md §4.1 owns their names). */
export type LogFields = Record<string, unknown>;

/**
 * The logger every role takes. Only `@relay/logging` knows winston. `msg` is a stable message from
 * spec/observability.md §4.3; details go in `fields`, an error in `fields.err`.
 */
export interface Logger {
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line, e.g. `{ component: 'lease' }`. */
  child(fields: LogFields): Logger;
  /** Whether `debug` lines are written; lets hot paths skip building fields. */
  isDebugEnabled(): boolean;
}
