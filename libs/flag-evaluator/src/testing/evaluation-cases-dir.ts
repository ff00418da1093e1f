import path from 'node:path';

/**
 * The public evaluation test cases (spec/evaluation.md §12), vendored from `shared/testdata/evaluation-cases`
 * so the tests run on any clean checkout; `evaluation-cases.sha256` records every file's hash.
 */
export const EVALUATION_CASES_DIR = path.resolve(__dirname, '../../testdata/evaluation-cases');

/** The hash manifest of {@link EVALUATION_CASES_DIR} (`sha256sum` format, paths relative to it). */
export const EVALUATION_CASES_MANIFEST = path.resolve(__dirname, '../../testdata/evaluation-cases.sha256');

/** Where the project's shared specs put the cases, beside the checkout (absent on some CI machines). */
export const SHARED_EVALUATION_CASES_DIR = path.resolve(__dirname, '../../../../../shared/testdata/evaluation-cases');
