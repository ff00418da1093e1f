// Shared Jest settings for every project. jose 6 is published as ES modules only, so it is
// transformed like our own sources (Jest 29 cannot load it untransformed).
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: require('./tools/jest/module-name-mapper.js'),
  testTimeout: 20000,
};
