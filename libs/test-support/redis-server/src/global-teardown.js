// Jest global teardown: kills every Redis started by global-setup.js or by tests (their pid files lie
// in RELAY_TEST_REDIS_DIR) and removes the temp dir.
'use strict';

const STATE = Symbol.for('relay.redisTestServers');

module.exports = async function globalTeardown() {
  const state = globalThis[STATE];
  if (!state) return;
  state.cleanUp();
  process.removeListener('exit', state.cleanUp);
  delete globalThis[STATE];
};
