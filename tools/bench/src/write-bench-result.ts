import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `result` as `<dir>/<scenario>.json` (the folder is git-ignored) and returns the file path. */
export async function writeBenchResult(dir: string, scenario: string, result: object): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${scenario}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
