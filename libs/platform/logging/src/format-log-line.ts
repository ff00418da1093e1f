import type { LogFields } from './logger';

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${errorMessage(error.cause)}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/**
 * Builds one log line object with the field names of spec/observability.md §4.1: `time`, `level`,
 * `msg`, then the base and call fields; an `err` field becomes its message (with its causes), plus
 * `errStack` when `withStack` is set (LOG_LEVEL=DEBUG).
 */
export function formatLogLine(
  level: string,
  msg: string,
  fields: LogFields,
  { now = new Date(), withStack = false }: { now?: Date; withStack?: boolean } = {},
): LogFields {
  const line: LogFields = { time: now.toISOString(), level, msg };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === 'err') {
      line['err'] = errorMessage(value);
      if (withStack && value instanceof Error && value.stack) line['errStack'] = value.stack;
    } else {
      line[key] = value;
    }
  }
  return line;
}
