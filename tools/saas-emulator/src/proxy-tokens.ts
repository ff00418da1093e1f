import { createHmac, timingSafeEqual } from 'node:crypto';
import { sha256hex } from '@relay/redis-contract';

/** Options of {@link createProxyTokens}. */
export interface ProxyTokenOptions {
  /** HMAC-SHA256 signing secret. */
  secret: string;
  /** Unix epoch ms; sets `iat`/`exp` and decides expiry. */
  now: () => number;
  /** `account` claim. */
  account: string;
  /** `cluster_identifier` claim. */
  cluster: string;
  /** `organization` claim. */
  organization: string;
  /** Token lifetime in seconds; when set, tokens carry `iat` and `exp`. Absent = tokens never expire. */
  ttlSeconds?: number;
}

/** Issues and checks the HS256 JWTs of `/proxy/auth` (spec/saas-api.md §2, §10.2). */
export interface ProxyTokens {
  /** A proxy token for `proxyKey` whose `environments` claim lists `environments`. */
  issue(proxyKey: string, environments: string[]): string;
  /** Signs any payload with the emulator's secret (used for the `/client/auth` answer). */
  sign(payload: Record<string, unknown>): string;
  /**
   * The `key` claim (SHA-256 hex of the proxy key) of the token in an `Authorization: Bearer …` header,
   * when its signature is ours and it has not expired; otherwise `undefined`.
   */
  verify(authorization: string | string[] | undefined): string | undefined;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Creates {@link ProxyTokens}; the same options and clock always give the same tokens (§10.13). */
export function createProxyTokens(options: ProxyTokenOptions): ProxyTokens {
  const signature = (input: string) => createHmac('sha256', options.secret).update(input).digest();
  const sign = (payload: Record<string, unknown>) => {
    const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${body}.${signature(body).toString('base64url')}`;
  };

  return {
    sign,
    issue(proxyKey, environments) {
      // Claim names are snake_case for proxy tokens (spec/saas-api.md §2), in the order of its example.
      const claims: Record<string, unknown> = {
        cluster_identifier: options.cluster,
        account: options.account,
        organization: options.organization,
        key_type: 'Proxy',
        key: sha256hex(proxyKey),
        environments,
      };
      if (options.ttlSeconds !== undefined) {
        const iat = Math.floor(options.now() / 1000);
        claims['iat'] = iat;
        claims['exp'] = iat + options.ttlSeconds;
      }
      return sign(claims);
    },
    verify(authorization) {
      const header = Array.isArray(authorization) ? authorization[0] : authorization;
      const match = /^Bearer (\S+)$/i.exec(header ?? '');
      const parts = match?.[1]?.split('.') ?? [];
      if (parts.length !== 3) return undefined;
      const [head, payload, mac] = parts as [string, string, string];
      const expected = signature(`${head}.${payload}`);
      const actual = Buffer.from(mac, 'base64url');
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
      try {
        const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (claims === null || typeof claims !== 'object') return undefined;
        const { key, exp } = claims as { key?: unknown; exp?: unknown };
        if (typeof exp === 'number' && exp * 1000 <= options.now()) return undefined;
        return typeof key === 'string' ? key : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
