import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// From the sources (src/) the seed is one level up; from the bundle in dist/tools/saas-emulator/ it is
// in the repository's tools/saas-emulator/seeds/.
const candidates = [
  resolve(__dirname, '../seeds/demo.json'),
  resolve(__dirname, '../../../tools/saas-emulator/seeds/demo.json'),
];

/**
 * Absolute path of `tools/saas-emulator/seeds/demo.json`: the README demo's state (project `demo`,
 * environment `dev`, proxy key `demo-proxy-key`, SDK keys `demo-server-sdk-key` and `demo-client-sdk-key`).
 */
export const DEMO_SEED_PATH: string = candidates.find((path) => existsSync(path)) ?? candidates[0]!;
