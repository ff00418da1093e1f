import { createEnvReader } from '@relay/config';
import { closeOnSignals, createProcessContext } from '@relay/lifecycle';
import { logStartupFailure } from '@relay/logging';
import { generateOfflineFiles, readRelayProxyConfig, startRelayProxy } from '@relay/relay-proxy';
import { readOfflineConfig } from '@relay/saas-sync';

async function main(): Promise<void> {
  const reader = createEnvReader(process.env);
  const config = readRelayProxyConfig(reader);
  const warnings = reader.finish();
  const sync = config.primary?.sync;
  if (sync?.generateOfflineConfig) {
    const context = createProcessContext({ service: 'relay-proxy', options: config.options, warnings, config: { ...config, proxy: undefined } });
    await generateOfflineFiles(config, context);
    return;
  }
  if (sync?.offline) await readOfflineConfig(sync.configDir); // invalid files stop startup (spec/configuration.md §7.1)
  const proxy = await startRelayProxy(config, { warnings });
  closeOnSignals(proxy.context.resources, proxy.context.logger, { timeoutMs: config.options.shutdownTimeoutMs });
}

main().catch((error: unknown) => {
  logStartupFailure('relay-proxy', error);
  process.exit(1);
});
