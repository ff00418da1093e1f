import { ConfigError } from '@relay/errors';

/** The process environment, or any map shaped like it (tests pass plain objects). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Bounds and default of an integer variable. */
export interface IntOptions {
  default: number;
  min: number;
  max: number;
}

/**
 * Reads typed values from environment variables (spec/configuration.md §1). Every reader records a
 * problem and returns a placeholder instead of throwing, so {@link EnvReader.finish} can name every bad
 * variable at once: one restart fixes everything.
 */
export interface EnvReader {
  /** The raw value; the empty string counts as unset (§1.1). */
  raw(name: string): string | undefined;
  /** A string, `defaultValue` when unset. */
  string(name: string, defaultValue?: string): string;
  /** A boolean in Go `strconv.ParseBool` spelling (§1.2). */
  bool(name: string, defaultValue: boolean): boolean;
  /** A decimal integer within bounds (§1.3). */
  int(name: string, options: IntOptions): number;
  /** An http(s) URL without its trailing `/` (§1.4). */
  url(name: string, defaultValue: string): string;
  /** A comma-separated list, items trimmed, empty items dropped (§1.5). */
  list(name: string): string[];
  /** Records a problem found by the caller, e.g. a rule across several variables. */
  problem(message: string): void;
  /** Records a warning: logged at start, never stops it. */
  warn(message: string): void;
  /** Throws one {@link ConfigError} naming every problem, else returns the collected warnings. */
  finish(): string[];
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Creates an {@link EnvReader} over `env`. */
export function createEnvReader(env: Env): EnvReader {
  const problems: string[] = [];
  const warnings: string[] = [];
  const raw = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };

  return {
    raw,
    string: (name, defaultValue = '') => raw(name) ?? defaultValue,
    bool(name, defaultValue) {
      const value = raw(name);
      if (value === undefined) return defaultValue;
      if (TRUE.has(value)) return true;
      if (FALSE.has(value)) return false;
      problems.push(`${name}: '${value}' is not a boolean (use true or false)`);
      return defaultValue;
    },
    int(name, { default: defaultValue, min, max }) {
      const value = raw(name);
      if (value === undefined) return defaultValue;
      const parsed = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(parsed)) {
        problems.push(`${name}: '${value}' is not an integer`);
        return defaultValue;
      }
      if (parsed < min || parsed > max) {
        problems.push(`${name}: ${parsed} is out of range ${min}-${max}`);
        return defaultValue;
      }
      return parsed;
    },
    url(name, defaultValue) {
      const value = raw(name) ?? defaultValue;
      try {
        const url = new URL(value);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      } catch {
        problems.push(`${name}: '${value}' is not an http or https URL`);
        return defaultValue.replace(/\/$/, '');
      }
      return value.replace(/\/$/, '');
    },
    list(name) {
      return (raw(name) ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    },
    problem: (message) => void problems.push(message),
    warn: (message) => void warnings.push(message),
    finish() {
      if (problems.length > 0) throw new ConfigError(problems);
      return [...warnings];
    },
  };
}
