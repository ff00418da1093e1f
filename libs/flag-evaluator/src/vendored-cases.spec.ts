import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EVALUATION_CASES_DIR, EVALUATION_CASES_MANIFEST, SHARED_EVALUATION_CASES_DIR } from './testing/evaluation-cases-dir';

const byPath = (a: string, b: string) => a.slice(66).localeCompare(b.slice(66));
const manifestLines = () => readFileSync(EVALUATION_CASES_MANIFEST, 'utf8').trim().split('\n').sort(byPath);

/** `sha256sum`-style lines for every file below `dir`, sorted by path. */
function hashes(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ./${path.relative(dir, file)}`)
    .sort(byPath);
}

describe('the vendored evaluation cases', () => {
  it('are exactly the files of their recorded manifest', () => {
    const manifest = manifestLines();
    expect(hashes(EVALUATION_CASES_DIR)).toEqual(manifest);
    expect(manifest.length).toBeGreaterThanOrEqual(40);
  });

  it('equal the shared test data when it is beside the checkout, else the manifest is the reference', () => {
    const reference = existsSync(SHARED_EVALUATION_CASES_DIR) ? hashes(SHARED_EVALUATION_CASES_DIR) : manifestLines();
    expect(hashes(EVALUATION_CASES_DIR)).toEqual(reference);
  });
});
