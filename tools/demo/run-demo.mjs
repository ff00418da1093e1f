#!/usr/bin/env node
// Starts the SaaS emulator with the demo project and the all-in-one proxy (no Redis needed), then prints
// what to try next. Both are the builds in dist/ (`npm run demo` builds them first). Ctrl-C stops both.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoInstructions } from './demo-instructions.mjs';
import { createProcessGroup, waitReady } from './process-group.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const emulatorPort = Number(process.env.DEMO_EMULATOR_PORT ?? 3001);
const proxyPort = Number(process.env.DEMO_PROXY_PORT ?? 7000);
const saas = `http://127.0.0.1:${emulatorPort}`;
const proxy = `http://127.0.0.1:${proxyPort}`;
const group = createProcessGroup(root);

group.start('saas-emulator', ['dist/tools/saas-emulator/main.js', '--port', String(emulatorPort), '--seed', 'tools/saas-emulator/seeds/demo.json'], process.env);
await waitReady(`${saas}/admin/streams`);
group.start('relay-proxy', ['dist/apps/relay-proxy/main.js'], {
  ...process.env,
  PORT: String(proxyPort),
  PROXY_KEY: 'demo-proxy-key',
  CLIENT_SERVICE: `${saas}/api/1.0`,
  METRIC_SERVICE: `${saas}/api/1.0`,
  AUTH_SECRET: 'demo-only-secret-0123456789abcdef0123',
  METRIC_POST_DURATION: '10',
  SAAS_POLL_INTERVAL: '10',
});
await waitReady(`${proxy}/readyz`).catch((error) => {
  console.error(error.message);
  group.stop(1);
});

console.log(demoInstructions({ headline: 'Relay proxy demo is running (all-in-one, in-memory store, fed by a local SaaS emulator).', proxy, saas }));
