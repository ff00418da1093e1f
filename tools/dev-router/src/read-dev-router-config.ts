import type { EnvReader } from '@relay/config';

/** Where the dev router listens and where it sends requests (environment variables of `main.ts`). */
export interface DevRouterConfig {
  /** Port of the one SDK base URL. Env `DEV_ROUTER_PORT`, default 7000; 0 picks a free port. */
  port: number;
  /** Interface to bind. Env `DEV_ROUTER_HOST`, default `127.0.0.1` (a development tool, not for a network). */
  host: string;
  /** Base URL of sdk-gateway (every path except `/stream`). Env `SDK_GATEWAY_URL`, default `http://127.0.0.1:7001`. */
  sdkGatewayUrl: string;
  /** Base URL of sse-fanout (the exact path `/stream`). Env `SSE_FANOUT_URL`, default `http://127.0.0.1:7002`. */
  sseFanoutUrl: string;
}

/** Reads {@link DevRouterConfig}; problems are collected by `reader` (spec/configuration.md §1). */
export function readDevRouterConfig(reader: EnvReader): DevRouterConfig {
  return {
    port: reader.int('DEV_ROUTER_PORT', { default: 7000, min: 0, max: 65535 }),
    host: reader.string('DEV_ROUTER_HOST', '127.0.0.1'),
    sdkGatewayUrl: reader.url('SDK_GATEWAY_URL', 'http://127.0.0.1:7001'),
    sseFanoutUrl: reader.url('SSE_FANOUT_URL', 'http://127.0.0.1:7002'),
  };
}
