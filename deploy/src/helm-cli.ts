import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CHART_DIR } from './deploy-paths';
import { parseYamlDocuments, type Values } from './chart-values';

/** The `helm` executable on PATH, or undefined when there is none. */
export function findHelm(path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter((entry) => entry !== '')) {
    const candidate = join(dir, 'helm');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Says loudly, on stderr, that the Helm checks did not run and why. */
export function reportHelmMissing(what: string): void {
  const line = '!'.repeat(100);
  process.stderr.write(
    `\n${line}\n!! NOT RUN: ${what}\n!! Reason: no 'helm' executable on PATH (${process.env['PATH'] ?? ''}).\n` +
      `!! Only the checks that need no Helm ran (schema, YAML, template env names). Install helm to run them.\n${line}\n\n`,
  );
}

/** The result of one helm command. */
export interface HelmResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs `helm <args>` on the umbrella chart's directory (cwd), capturing its output. */
export function runHelm(helm: string, args: readonly string[]): HelmResult {
  try {
    const stdout = execFileSync(helm, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

/** `helm template relay <chart> -f …` rendered and parsed; throws with Helm's message when it fails. */
export function helmTemplate(helm: string, valuesFiles: readonly string[], sets: readonly string[] = []): Values[] {
  const args = [
    'template',
    'relay',
    CHART_DIR,
    ...valuesFiles.flatMap((file) => ['-f', file]),
    ...sets.flatMap((set) => ['--set', set]),
  ];
  const result = runHelm(helm, args);
  if (!result.ok) throw new Error(`helm ${args.join(' ')} failed: ${result.stderr}`);
  return parseYamlDocuments(result.stdout);
}
