// The real Harness SDKs against both topologies (spec/real-sdk-testing.md). One file per SDK, run in band:
// each file starts its own emulator, Redis and processes.
module.exports = {
  displayName: 'sdk-compat',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  testTimeout: 20000,
};
