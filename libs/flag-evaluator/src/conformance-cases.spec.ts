import path from 'node:path';
import { describeCaseFiles } from './testing/describe-case-files';

// The repository is /work/main and the shared specs its sibling (spec/evaluation.md §12: required set).
const sharedCases = path.resolve(__dirname, '../../../../shared/testdata/evaluation-cases');

describeCaseFiles('the shared evaluation cases', sharedCases);
describeCaseFiles('our evaluation fixtures', path.join(__dirname, 'fixtures'));
