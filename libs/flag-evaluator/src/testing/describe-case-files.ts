import path from 'node:path';
import { createEvaluator } from '../create-evaluator';
import {
  createCaseLookups,
  listCaseFiles,
  readCaseFile,
  resolveTarget,
  typedExpectation,
  typedValue,
  type CaseTest,
} from './evaluation-case-file';

function testName(test: CaseTest): string {
  if (test.description !== undefined) return test.description;
  const outcome = test.failure !== undefined ? `fails (${test.failure})` : `serves ${JSON.stringify(test.expected)}`;
  return `${test.flag} ${outcome} for ${test.target ?? 'no target'}`;
}

/**
 * Declares one `describe` per case file under `dir` and one test per entry of its `tests`, comparing
 * typed values (spec/evaluation.md §12). Fails loudly when `dir` is missing or holds no cases.
 */
export function describeCaseFiles(title: string, dir: string): void {
  const files = listCaseFiles(dir);
  describe(title, () => {
    it('finds case files', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    describe.each(files)('%s', (name) => {
      const file = readCaseFile(path.join(dir, name));
      const lookups = createCaseLookups(file);
      const evaluator = createEvaluator();

      it.each(file.tests.map((test) => [testName(test), test] as const))('%s', (_name, test) => {
        const flag = lookups.getFlag(test.flag);
        if (flag === undefined) throw new Error(`case names unknown flag ${test.flag}`);
        const result = evaluator.evaluate(flag, resolveTarget(file, test.target), lookups);
        if (test.failure !== undefined) {
          expect(result).toEqual({ ok: false, reason: expect.stringContaining(test.failure) });
        } else {
          expect(result.ok ? typedValue(flag.kind, result.variation.value) : result).toEqual(
            typedExpectation(flag.kind, test.expected),
          );
        }
      });
    });
  });
}
