import { createEnvReader } from '@relay/config';
import { readRelayProxyConfig, startRelayProxy } from '@relay/relay-proxy';
import { startSaasEmulator } from '@relay/saas-emulator';
import { demoState } from './demo-project';
import { proxyEnv, type Topology } from './topology';
import { waitFor } from './wait-for';

/** The all-in-one without Redis, in this process on 127.0.0.1:0, fed by an emulator with the demo project. */
export async function startAllInOne(): Promise<Topology> {
  const emulator = await startSaasEmulator({ state: demoState() });
  const reader = createEnvReader({ ...proxyEnv(emulator), LOG_LEVEL: 'ERROR' });
  const config = readRelayProxyConfig(reader);
  const proxy = await startRelayProxy(config, { host: '127.0.0.1', warnings: reader.finish() });
  const baseUrl = `http://127.0.0.1:${proxy.port}`;
  try {
    await waitFor(async () => (await fetch(`${baseUrl}/readyz`)).status === 200, 10_000, 'all-in-one /readyz 200');
  } catch (error) {
    await proxy.close();
    await emulator.close();
    throw error;
  }
  return {
    name: 'all-in-one',
    baseUrl,
    emulator,
    streamCount: async (envId) => proxy.fanout.connectionCount(envId),
    async close() {
      await proxy.close();
      await emulator.close();
    },
  };
}
