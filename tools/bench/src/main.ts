import path from 'node:path';
import { parseBenchArgs } from './parse-bench-args';
import { scenarios } from './scenario-registry';
import { writeBenchResult } from './write-bench-result';

// Usage: node dist/tools/bench/main.js <scenario> [--option value]… — prints a readable summary on
// stderr and one JSON object on stdout, and writes bench-results/<scenario>.json.
async function main(): Promise<void> {
  const { scenario, options } = parseBenchArgs(process.argv.slice(2));
  const selected = scenario === undefined ? undefined : scenarios[scenario];
  if (scenario === undefined || selected === undefined) {
    const known = Object.entries(scenarios).map(([name, s]) => `  ${name}: ${s.description}`);
    process.stderr.write(`usage: main.js <scenario> [--option value]…\nscenarios:\n${known.join('\n')}\n`);
    process.exitCode = 2;
    return;
  }
  const report = await selected.run(options);
  const result = { scenario, measuredAt: new Date().toISOString(), node: process.version, options, ...report.figures };
  const file = await writeBenchResult(path.resolve(options['out'] ?? 'bench-results'), scenario, result);
  process.stderr.write(`${report.summary.join('\n')}\nwritten to ${file}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
