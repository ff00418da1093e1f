module.exports = {
  displayName: 'deploy:int',
  preset: '../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  globalSetup: '../libs/test-support/redis-server/src/global-setup.js',
  globalTeardown: '../libs/test-support/redis-server/src/global-teardown.js',
  testTimeout: 180000,
};
