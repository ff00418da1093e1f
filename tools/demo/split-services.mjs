// Ports and environment of the split-processes shape on one host (design/architecture.md, "Deployment
// shapes" 2): the four services against one Redis, the dev router as the one SDK base URL, fed by the local
// SaaS emulator. Used by run-split.mjs (`npm run dev:split`) and serve-app.mjs (`nx run-many -t serve`).
// Every variable set in the caller's environment wins over these defaults, except PORT, which is per service.

/** The services of the split shape, in start order (the router last). */
export const SPLIT_APPS = ['saas-sync', 'metrics-forwarder', 'sdk-gateway', 'sse-fanout'];

const setOr = (value, fallback) => (value === undefined || value === '' ? fallback : value);

/** Ports by service: DEV_ROUTER_PORT 7000, SDK_GATEWAY_PORT 7001, SSE_FANOUT_PORT 7002, SAAS_SYNC_PORT 7003, METRICS_FORWARDER_PORT 7004, DEMO_EMULATOR_PORT 3001. */
export function splitPorts(env = process.env) {
  return {
    'dev-router': Number(setOr(env.DEV_ROUTER_PORT, 7000)),
    'sdk-gateway': Number(setOr(env.SDK_GATEWAY_PORT, 7001)),
    'sse-fanout': Number(setOr(env.SSE_FANOUT_PORT, 7002)),
    'saas-sync': Number(setOr(env.SAAS_SYNC_PORT, 7003)),
    'metrics-forwarder': Number(setOr(env.METRICS_FORWARDER_PORT, 7004)),
    'saas-emulator': Number(setOr(env.DEMO_EMULATOR_PORT, 3001)),
  };
}

/** The full environment of `service` (an app name or `dev-router`). REDIS_ADDRESS defaults to the developer's local Redis. */
export function splitServiceEnv(service, env = process.env) {
  const ports = splitPorts(env);
  const saas = `http://127.0.0.1:${ports['saas-emulator']}/api/1.0`;
  const defaults = {
    REDIS_ADDRESS: '127.0.0.1:6379',
    PROXY_KEY: 'demo-proxy-key',
    CLIENT_SERVICE: saas,
    METRIC_SERVICE: saas,
    AUTH_SECRET: 'demo-only-secret-0123456789abcdef0123',
    METRIC_POST_DURATION: '10',
    SAAS_POLL_INTERVAL: '10',
    DEV_ROUTER_PORT: String(ports['dev-router']),
    SDK_GATEWAY_URL: `http://127.0.0.1:${ports['sdk-gateway']}`,
    SSE_FANOUT_URL: `http://127.0.0.1:${ports['sse-fanout']}`,
  };
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  return { ...defaults, ...given, PORT: String(ports[service] ?? setOr(env.PORT, 8000)) };
}
