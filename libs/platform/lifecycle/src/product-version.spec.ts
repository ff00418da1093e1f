import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCT_VERSION } from './product-version';

it('matches the version of the root package.json', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { version: string };
  expect(PRODUCT_VERSION).toBe(pkg.version);
});
