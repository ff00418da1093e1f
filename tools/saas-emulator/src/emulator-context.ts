import { randomBytes } from 'node:crypto';
import type { AdminRequestHandlerDeps } from './admin-request-handler';
import { createEmulatorStore, type EmulatorStore } from './emulator-store';
import { createFaultTable } from './fault-table';
import { createPendingRequests } from './pending-requests';
import { createProxyTokens } from './proxy-tokens';
import { createRequestLog } from './request-log';
import type { SaasEmulatorOptions } from './saas-emulator-options';
import type { SaasRequestHandlerDeps } from './saas-request-handler';
import { seedEmulatorStore } from './seed-emulator-store';
import { createStreamHub } from './stream-hub';

/** Everything one emulator instance holds; the request handlers take it as their deps. */
export type EmulatorContext = SaasRequestHandlerDeps & AdminRequestHandlerDeps & { releaseAll(): void };

function seeded(now: () => number, state: unknown): EmulatorStore {
  const store = createEmulatorStore(now);
  seedEmulatorStore(store, state);
  return store;
}

/**
 * Builds the state, tokens, streams, faults and request log of one emulator from its options (defaults
 * in {@link SaasEmulatorOptions}). Throws on a heartbeat under 100 ms or an invalid initial state.
 */
export function createEmulatorContext(options: SaasEmulatorOptions): EmulatorContext {
  const now = options.now ?? Date.now;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  if (!(heartbeatMs >= 100)) throw new RangeError(`heartbeatMs must be at least 100 (got ${heartbeatMs})`);
  const claims = {
    account: options.account ?? 'acc-123',
    cluster: options.cluster ?? '1',
    organization: options.organization ?? 'org-1',
  };
  let store = seeded(now, options.state);
  return {
    ...claims,
    store: () => store,
    now,
    tokens: createProxyTokens({
      ...claims,
      secret: options.jwtSecret ?? randomBytes(32).toString('hex'),
      now,
      ttlSeconds: options.tokenTtlSeconds,
    }),
    rejectedKeyStatus: options.rejectedKeyStatus ?? 401,
    hub: createStreamHub({
      heartbeatMs,
      isValid: (key) => store.keys.isValid(key),
      covers: (key, environment) => store.keys.scope(key).includes(environment),
    }),
    faults: createFaultTable(),
    requests: createRequestLog(options.maxRecordedRequests),
    logger: options.logger,
    reset: (state: unknown) => {
      store = seeded(now, state); // built completely before it replaces the old state
    },
    ...createPendingRequests(),
  };
}
