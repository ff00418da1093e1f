import { ConfigError } from '@relay/errors';
import { formatLogLine } from './format-log-line';

/**
 * Writes the one line a service prints when it cannot start (spec/configuration.md §1.6): the
 * `invalid configuration` line with every problem for a {@link ConfigError}, `startup failed` with
 * `err` for anything else. Used before (or instead of) the real logger.
 */
export function logStartupFailure(service: string, error: unknown, write: (line: string) => void = (line) => process.stdout.write(line)): void {
  const line =
    error instanceof ConfigError
      ? formatLogLine('error', 'invalid configuration', { service, errors: error.problems })
      : formatLogLine('error', 'startup failed', { service, err: error });
  write(`${JSON.stringify(line)}\n`);
}
