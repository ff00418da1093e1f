#!/usr/bin/env node
// `nx run <app>:serve`: runs the built dist/apps/<app>/main.js (or dist/tools/dev-router/main.js) in this
// process with the split-shape defaults of split-services.mjs, so `npx nx run-many -t serve --parallel=5`
// starts the four services on distinct ports behind the dev router on http://127.0.0.1:7000.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitServiceEnv } from './split-services.mjs';

const service = process.argv[2];
if (!service) {
  console.error('usage: node tools/demo/serve-app.mjs <saas-sync|sdk-gateway|sse-fanout|metrics-forwarder|dev-router>');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
Object.assign(process.env, splitServiceEnv(service));
const main = service === 'dev-router' ? 'dist/tools/dev-router/main.js' : `dist/apps/${service}/main.js`;
createRequire(import.meta.url)(join(root, main));
