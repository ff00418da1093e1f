// Lint rules that enforce the layering of docs/adr/0002-module-boundaries.md (one `type:` tag per project).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const io = ['ioredis', 'axios', 'jose', 'express', 'better-sse', 'winston', 'prom-client'];
const dep = (sourceTag, tags, banned = []) => ({
  sourceTag: `type:${sourceTag}`,
  onlyDependOnLibsWithTags: tags.map((t) => `type:${t}`),
  bannedExternalImports: banned,
});
const depConstraints = [
  dep('app', ['composition', 'role', 'replica', 'adapter', 'store', 'platform', 'contract', 'domain', 'test-support'], io),
  dep('composition', ['role', 'replica', 'adapter', 'store', 'platform', 'contract', 'domain'], io),
  dep('role', ['replica', 'store', 'domain', 'contract', 'platform'], ['ioredis', 'axios', 'jose', 'winston']),
  dep('replica', ['store', 'contract', 'platform'], ['ioredis', 'axios', 'jose', 'winston', 'better-sse']),
  dep('adapter', ['store', 'contract', 'platform', 'test-support'], ['express', 'better-sse', 'winston']),
  dep('store', ['contract', 'platform'], io),
  dep('domain', ['contract'], io),
  dep('contract', ['contract'], io),
  dep('platform', ['platform'], ['ioredis', 'axios', 'jose', 'better-sse']),
  dep('tool', ['composition', 'domain', 'role', 'replica', 'store', 'adapter', 'contract', 'platform', 'test-support']),
  dep('e2e', ['composition', 'role', 'replica', 'adapter', 'store', 'platform', 'contract', 'domain', 'test-support']),
  dep('test-support', ['contract', 'platform']),
];

// Each adapter owns one I/O package; the others may not import it.
const adapterOwns = { 'libs/store-redis': 'ioredis', 'libs/saas-client': 'axios', 'libs/sdk-auth': 'jose' };
const testOnlyImports = {
  patterns: [
    { group: ['@relay/*/testing'], message: 'test fakes are for tests, testing.ts, e2e/ and tools/ only' },
    { group: ['@relay/redis-test-server', '@relay/saas-emulator'], message: 'test-support is for tests, e2e/ and tools/ only' },
  ],
};

const adapterBans = (testOnly) =>
  Object.entries(adapterOwns).map(([dir, own]) => ({
    files: [`${dir}/**/*.ts`],
    ignores: testOnly ? ['**/*.spec.ts', '**/testing.ts'] : [],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: Object.values(adapterOwns)
            .filter((p) => p !== own)
            .map((name) => ({ name, message: `only its own adapter imports ${name}` })),
          ...(testOnly ? testOnlyImports : {}),
        },
      ],
    },
  }));

export default tseslint.config(
  { ignores: ['**/dist', '**/node_modules', '**/coverage', 'tmp', '.nx', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints, enforceBuildableLibDependency: false }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'named exports only (docs/adr/0003-named-exports.md)' },
        { selector: 'TSEnumDeclaration', message: 'use a string union, not an enum' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing.ts', '**/testing/**'],
    rules: { 'no-restricted-imports': ['error', testOnlyImports] },
  },
  {
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['apps/*/src/main.ts', 'libs/test-support/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'only apps/*/src/main.ts reads process.env' },
      ],
    },
  },
  ...adapterBans(false),
  ...adapterBans(true),
  {
    files: ['**/*.spec.ts', '**/testing.ts', 'e2e/**/*.ts', 'tools/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
