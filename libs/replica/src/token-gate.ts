import { AuthenticationError, InputError } from '@relay/errors';
import { parseAuthKeyValue, redisKeys, sdkKeyHashOf } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import type { Clock } from '@relay/lifecycle';
import { LruMap } from './lru-map';

/** The claims the proxy relies on once a token is verified. */
export interface TokenIdentity {
  /** The environment UUID. */
  environment: string;
  /** `auth-key-<hash>`: the Redis key name of the SDK key. */
  apiKey: string;
  /** `exp` in Unix seconds, when the token has one (`AUTH_TOKEN_TTL` > 0). */
  exp?: number;
}

/** Verifies a token's signature and claims; satisfied by `createSdkTokens` of `@relay/sdk-auth`. */
export interface TokenVerifier {
  verify(token: string): Promise<TokenIdentity>;
}

/** Token and SDK key checks shared by sdk-gateway and sse-fanout (spec/sdk-api.md §5.3, spec/redis-contract.md §7.2). */
export interface TokenGate {
  /**
   * Checks 1–4 of §5.3 for an `Authorization` header value: 401 `missing or malformed jwt` or
   * `invalid token` as an AuthenticationError; a Redis failure rejects with it (500) unless a verified
   * entry is held, which then stays usable during the outage.
   */
  authenticate(authorization: string | undefined): Promise<TokenIdentity>;
  /** The environment of an SDK key hash, `undefined` when unknown (positive results cached). */
  lookupSdkKey(sdkKeyHash: string): Promise<string | undefined>;
  /** Forgets tokens and lookups of these environments. */
  dropEnvironments(envIds: readonly string[]): void;
  /** Forgets tokens issued for this SDK key hash and its lookup. */
  dropSdkKey(sdkKeyHash: string): void;
  /** Forgets everything (a gap, spec/redis-contract.md §7.4). */
  dropAll(): void;
}

/** Options of {@link createTokenGate}. */
export interface TokenGateOptions {
  cache: ConfigCache;
  verifier: TokenVerifier;
  clock: Clock;
  /** Age after which a cached entry is checked against Redis again (env `CACHE_REVALIDATE_INTERVAL`). */
  revalidateIntervalMs: number;
  /** Size of the verified-token LRU; default 100 000. */
  maxTokens?: number;
}

interface Checked<T> {
  value: T;
  checkedAt: number;
}

const BEARER = /^bearer +(\S+)\s*$/i;
/** Clock skew tolerated between pods, in seconds (spec/sdk-api.md §5.3 check 3). */
const EXP_LEEWAY_SECONDS = 60;

/** Creates a {@link TokenGate}. */
export function createTokenGate(options: TokenGateOptions): TokenGate {
  const { cache, verifier, clock, revalidateIntervalMs } = options;
  const tokens = new LruMap<string, Checked<TokenIdentity>>(options.maxTokens ?? 100_000);
  const lookups = new LruMap<string, Checked<string>>(options.maxTokens ?? 100_000);
  const fresh = (entry: Checked<unknown> | undefined) => entry !== undefined && clock.now() - entry.checkedAt < revalidateIntervalMs;

  async function readSdkKey(sdkKeyHash: string): Promise<string | undefined> {
    const held = lookups.get(sdkKeyHash);
    if (fresh(held)) return held?.value;
    let environment: string | undefined;
    try {
      environment = parseAuthKeyValue(await cache.get(redisKeys.authKey(sdkKeyHash)));
    } catch (error) {
      if (held) return held.value; // Redis is down: nothing can change, keep serving (§7.2).
      throw error;
    }
    if (environment === undefined) lookups.delete(sdkKeyHash);
    else lookups.set(sdkKeyHash, { value: environment, checkedAt: clock.now() });
    return environment;
  }

  const expired = (identity: TokenIdentity) => identity.exp !== undefined && clock.now() / 1000 >= identity.exp + EXP_LEEWAY_SECONDS;

  async function check(token: string): Promise<TokenIdentity> {
    const held = tokens.get(token);
    if (held && expired(held.value)) {
      // A cached token is checked for expiry on every use, not only when it was first verified.
      tokens.delete(token);
      throw new AuthenticationError('invalid token');
    }
    if (fresh(held)) return held!.value;
    const identity = held?.value ?? (await verifier.verify(token));
    const hash = sdkKeyHashOf(identity.apiKey);
    let environment: string | undefined;
    try {
      environment = hash === undefined ? undefined : parseAuthKeyValue(await cache.get(redisKeys.authKey(hash)));
    } catch (error) {
      if (held) return held.value;
      throw error;
    }
    if (environment !== identity.environment) {
      tokens.delete(token);
      throw new AuthenticationError('invalid token');
    }
    const kept: TokenIdentity = { environment: identity.environment, apiKey: identity.apiKey };
    if (typeof identity.exp === 'number') kept.exp = identity.exp;
    tokens.set(token, { value: kept, checkedAt: clock.now() });
    return identity;
  }

  return {
    async authenticate(authorization) {
      const match = authorization === undefined ? null : BEARER.exec(authorization);
      if (!match?.[1]) throw new AuthenticationError('missing or malformed jwt');
      return check(match[1]);
    },
    async lookupSdkKey(sdkKeyHash) {
      if (sdkKeyHash === '') throw new InputError('empty SDK key');
      return readSdkKey(sdkKeyHash);
    },
    dropEnvironments(envIds) {
      const dropped = new Set(envIds);
      tokens.deleteWhere((entry) => dropped.has(entry.value.environment));
      lookups.deleteWhere((entry) => dropped.has(entry.value));
    },
    dropSdkKey(sdkKeyHash) {
      const name = redisKeys.authKey(sdkKeyHash);
      tokens.deleteWhere((entry) => entry.value.apiKey === name);
      lookups.delete(sdkKeyHash);
    },
    dropAll() {
      tokens.clear();
      lookups.clear();
    },
  };
}
