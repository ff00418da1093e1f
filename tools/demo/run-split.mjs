#!/usr/bin/env node
// `npm run dev:split`: the real topology on one host. Starts the SaaS emulator with the demo project, the
// four built services (saas-sync, metrics-forwarder, sdk-gateway, sse-fanout) against REDIS_ADDRESS
// (default 127.0.0.1:6379, your local Redis) on distinct ports, and the dev router as the one SDK base URL,
// then prints what to try next. Ports and variables: split-services.mjs. Ctrl-C stops everything.
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoInstructions } from './demo-instructions.mjs';
import { createProcessGroup, waitReady } from './process-group.mjs';
import { SPLIT_APPS, splitPorts, splitServiceEnv } from './split-services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ports = splitPorts();
const redisAddress = splitServiceEnv('saas-sync').REDIS_ADDRESS;
const saas = `http://127.0.0.1:${ports['saas-emulator']}`;
const proxy = `http://127.0.0.1:${ports['dev-router']}`;

/** Whether the first node of REDIS_ADDRESS accepts TCP connections (TLS addresses are left to the services). */
function redisListening(address) {
  const first = address.split(',')[0].trim();
  if (first.startsWith('rediss://')) return Promise.resolve(true);
  const hostPort = first.replace(/^redis:\/\//, '').replace(/^[^@]*@/, '').replace(/\/.*$/, '');
  const match = /^\[(.+)\](?::(\d+))?$/.exec(hostPort) ?? /^([^:]+)(?::(\d+))?$/.exec(hostPort);
  if (!match) return Promise.resolve(true);
  return new Promise((resolve) => {
    const socket = connect(Number(match[2] ?? 6379), match[1]);
    socket.setTimeout(2000, () => socket.destroy());
    socket.once('connect', () => {
      resolve(true);
      socket.end();
    });
    socket.once('close', () => resolve(false));
  });
}

if (!(await redisListening(redisAddress))) {
  console.error(`No Redis answers at ${redisAddress}. Start one (e.g. \`redis-server --port 6380 --save ''\`) and set REDIS_ADDRESS=127.0.0.1:6380, or start your local Redis on 6379.`);
  process.exit(1);
}

const group = createProcessGroup(root);
group.start('saas-emulator', ['dist/tools/saas-emulator/main.js', '--port', String(ports['saas-emulator']), '--seed', 'tools/saas-emulator/seeds/demo.json'], process.env);
await waitReady(`${saas}/admin/streams`);
for (const app of SPLIT_APPS) group.start(app, [`dist/apps/${app}/main.js`], splitServiceEnv(app));
group.start('dev-router', ['dist/tools/dev-router/main.js'], splitServiceEnv('dev-router'));
const ready = await Promise.all(SPLIT_APPS.map((app) => waitReady(`http://127.0.0.1:${ports[app]}/readyz`)))
  .then(() => waitReady(`${proxy}/readyz`))
  .then(() => true, (error) => {
    console.error(error.message);
    group.stop(1);
    return false;
  });

const services = SPLIT_APPS.map((app) => `${app} http://127.0.0.1:${ports[app]}`).join(', ');
if (ready) console.log(demoInstructions({
  headline: `Relay proxy split processes are running against Redis ${redisAddress}, fed by a local SaaS emulator (${saas}).`,
  proxy,
  saas,
  extra: `\nThe dev router (${proxy}) sends /stream to sse-fanout and everything else to sdk-gateway.\nServices: ${services}.\n`,
}));
