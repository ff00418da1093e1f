// Maps the @relay/* import paths of tsconfig.base.json to source files, so tests run on sources.
const { compilerOptions } = require('../../tsconfig.base.json');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
module.exports = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/.]/g, (c) => `\\${c}`)}$`,
    path.join(root, target),
  ]),
);
