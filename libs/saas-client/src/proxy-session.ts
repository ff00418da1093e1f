import { systemClock, type Clock } from '@relay/lifecycle';
import { tokenNeedsRenewal, type ProxyToken } from './proxy-token';
import { SaasError } from './saas-errors';
import type { SaasClient } from './saas-client';

/** Holds the proxy token of one proxy key and renews it when needed (spec/saas-api.md §1–2). */
export interface ProxySession {
  /** The current token, authenticating first when none is held or it is about to expire. */
  token(): Promise<ProxyToken>;
  /** Authenticates now (e.g. on `environmentsAdded`, or after the stream got 401/403). */
  renew(): Promise<ProxyToken>;
  /** The token held, without any call. */
  current(): ProxyToken | undefined;
  /** Runs `call` with the token; on a 401 authenticates again once and retries once. */
  call<T>(call: (token: ProxyToken) => Promise<T>): Promise<T>;
}

/** Creates a {@link ProxySession}; concurrent renewals share one `/proxy/auth` call. */
export function createProxySession(client: SaasClient, proxyKey: string, clock: Clock = systemClock): ProxySession {
  let held: ProxyToken | undefined;
  let renewing: Promise<ProxyToken> | undefined;

  const renew = (): Promise<ProxyToken> => {
    renewing ??= client
      .authenticate(proxyKey)
      .then((token) => (held = token))
      .finally(() => (renewing = undefined));
    return renewing;
  };
  const token = async (): Promise<ProxyToken> => (held && !tokenNeedsRenewal(held, clock.now()) ? held : renew());

  return {
    token,
    renew,
    current: () => held,
    async call(call) {
      try {
        return await call(await token());
      } catch (error) {
        if (!(error instanceof SaasError) || error.status !== 401) throw error;
        return call(await renew());
      }
    },
  };
}
