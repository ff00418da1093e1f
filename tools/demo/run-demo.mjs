#!/usr/bin/env node
// Starts the SaaS emulator with the demo project and the all-in-one proxy (no Redis needed), then prints
// what to try next. Both are the builds in dist/ (`npm run demo` builds them first). Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const emulatorPort = Number(process.env.DEMO_EMULATOR_PORT ?? 3001);
const proxyPort = Number(process.env.DEMO_PROXY_PORT ?? 7000);
const saas = `http://127.0.0.1:${emulatorPort}`;
const proxy = `http://127.0.0.1:${proxyPort}`;
const env = '71716f30-aea0-4271-89b5-cb1c82be4567';
const children = [];

function start(name, args, extraEnv) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => process.env.DEMO_VERBOSE && process.stdout.write(`[${name}] ${chunk}`));
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${name} exited with code ${code}; stopping the demo (DEMO_VERBOSE=1 shows its logs)`);
      stop(1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitReady(url, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
}

start('saas-emulator', ['dist/tools/saas-emulator/main.js', '--port', String(emulatorPort), '--seed', 'tools/saas-emulator/seeds/demo.json'], {});
await waitReady(`${saas}/admin/streams`);
start('relay-proxy', ['dist/apps/relay-proxy/main.js'], {
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
  stop(1);
});

const flip = (state) =>
  `curl -s -X PUT ${saas}/admin/environments/${env}/flags/bool-flag1 -H 'Content-Type: application/json' -d '{"state":"${state}","kind":"boolean","variations":[{"identifier":"true","value":"true"},{"identifier":"false","value":"false"}],"defaultServe":{"variation":"true"},"offVariation":"false"}'`;

console.log(`
Relay proxy demo is running (all-in-one, in-memory store, fed by a local SaaS emulator).

  Proxy URL (give it to SDKs as baseUrl and eventsUrl): ${proxy}
  Server SDK key: demo-server-sdk-key      Client SDK key: demo-client-sdk-key
  Environment:    ${env} (dev)

Authenticate and list the flags:
  TOKEN=$(curl -s -X POST ${proxy}/client/auth -d '{"apiKey":"demo-server-sdk-key"}' | sed 's/.*"authToken":"\\([^"]*\\)".*/\\1/')
  curl -s -H "Authorization: Bearer $TOKEN" ${proxy}/client/env/${env}/feature-configs

Evaluate every flag for a target:
  curl -s -H "Authorization: Bearer $TOKEN" ${proxy}/client/env/${env}/target/alice/evaluations

Watch changes arrive (leave this running in a second terminal, with the same TOKEN):
  curl -sN -H "Authorization: Bearer $TOKEN" -H "API-Key: demo-server-sdk-key" ${proxy}/stream

Flip bool-flag1 in the emulator (run again with "off" to flip it back):
  ${flip('on')}

Health: ${proxy}/health   Metrics: ${proxy}/metrics   Stop: Ctrl-C
`);
