import type { BenchOptions } from './bench-scenario';

/** A parsed command line: `<scenario> [--name value | --name=value | --flag]…`. */
export interface BenchArgs {
  scenario: string | undefined;
  options: BenchOptions;
}

/** Parses the arguments after `node main.js`; a bare `--flag` means `"true"`. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const options: Record<string, string> = {};
  let scenario: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      scenario ??= arg;
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) options[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) options[name] = argv[++i]!;
    else options[name] = 'true';
  }
  return { scenario, options };
}

/** A positive integer option, or `fallback` when absent; throws on anything else. */
export function readCountOption(options: BenchOptions, name: string, fallback: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer, got '${raw}'`);
  return value;
}
