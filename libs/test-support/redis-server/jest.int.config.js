module.exports = {
  displayName: 'redis-test-server:int',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  globalSetup: '<rootDir>/src/global-setup.js',
  globalTeardown: '<rootDir>/src/global-teardown.js',
  testTimeout: 60000,
};
