import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSaasEmulator } from './start-saas-emulator';

// Standalone SaaS emulator for the e2e suites and the README demo:
//   node dist/tools/saas-emulator/main.js [--port 3001] [--seed file.json] [--heartbeat-ms n] [--host h] [--log-requests]
// Env EMULATOR_PORT, EMULATOR_SEED, EMULATOR_HEARTBEAT_MS and EMULATOR_HOST are used when the flag is absent.
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'heartbeat-ms': { type: 'string' },
      host: { type: 'string' },
      'log-requests': { type: 'boolean' },
    },
  });
  const seed = values.seed ?? process.env['EMULATOR_SEED'];
  const heartbeat = values['heartbeat-ms'] ?? process.env['EMULATOR_HEARTBEAT_MS'];
  const emulator = await startSaasEmulator({
    port: Number(values.port ?? process.env['EMULATOR_PORT'] ?? 3001),
    host: values.host ?? process.env['EMULATOR_HOST'] ?? '127.0.0.1',
    state: seed === undefined ? undefined : JSON.parse(readFileSync(seed, 'utf8')),
    heartbeatMs: heartbeat === undefined ? undefined : Number(heartbeat),
    logRequests: values['log-requests'] === true,
  });
  const log = (msg: string, fields: Record<string, unknown>) =>
    process.stdout.write(`${JSON.stringify({ msg, ...fields })}\n`);
  log('saas emulator listening', {
    baseUrl: emulator.baseUrl,
    CLIENT_SERVICE: emulator.clientServiceUrl,
    METRIC_SERVICE: emulator.metricServiceUrl,
    admin: `${emulator.baseUrl}/admin`,
    seed: seed ?? null,
  });
  const stop = (signal: string) => {
    log('saas emulator stopping', { signal });
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ msg: 'saas emulator failed to start', err: String(error) })}\n`);
  process.exit(1);
});
