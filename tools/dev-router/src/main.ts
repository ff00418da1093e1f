import { createEnvReader } from '@relay/config';
import { logStartupFailure } from '@relay/logging';
import { readDevRouterConfig } from './read-dev-router-config';
import { startDevRouter } from './start-dev-router';

// The local dev router of the split-processes shape (design/architecture.md, "Deployment shapes"):
// DEV_ROUTER_PORT, DEV_ROUTER_HOST, SDK_GATEWAY_URL, SSE_FANOUT_URL. One JSON line on start; SIGINT or
// SIGTERM closes it.
async function main(): Promise<void> {
  const reader = createEnvReader(process.env);
  const config = readDevRouterConfig(reader);
  reader.finish();
  const router = await startDevRouter(config);
  const line = { level: 'info', msg: 'dev router listening', service: 'dev-router', baseUrl: router.baseUrl, sdkGateway: config.sdkGatewayUrl, sseFanout: config.sseFanoutUrl };
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
  const stop = () => void router.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logStartupFailure('dev-router', error);
  process.exit(1);
});
