import type { EnvReader } from './env-reader';

/** The standard outbound-proxy variables (spec/configuration.md §2.2); lower-case spellings accepted too. */
export interface OutboundProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** Reads `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms) for every SaaS call. */
export function readOutboundProxyOptions(reader: EnvReader): OutboundProxySettings {
  const read = (name: string) => reader.raw(name) ?? reader.raw(name.toLowerCase());
  const settings: OutboundProxySettings = {};
  const httpProxy = read('HTTP_PROXY');
  const httpsProxy = read('HTTPS_PROXY');
  const noProxy = read('NO_PROXY');
  if (httpProxy) settings.httpProxy = httpProxy;
  if (httpsProxy) settings.httpsProxy = httpsProxy;
  if (noProxy) settings.noProxy = noProxy;
  return settings;
}
