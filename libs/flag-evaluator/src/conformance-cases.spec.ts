import path from 'node:path';
import { describeCaseFiles } from './testing/describe-case-files';
import { EVALUATION_CASES_DIR } from './testing/evaluation-cases-dir';

// The required set of spec/evaluation.md §12, vendored (vendored-cases.spec.ts checks the copy).
describeCaseFiles('the shared evaluation cases', EVALUATION_CASES_DIR);
describeCaseFiles('our evaluation fixtures', path.join(__dirname, 'fixtures'));
