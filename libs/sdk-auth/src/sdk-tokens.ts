import { errors, jwtVerify, SignJWT, decodeProtectedHeader } from 'jose';
import { AuthenticationError } from '@relay/errors';

/** Claims of an SDK token (spec/sdk-api.md §5.2), in signing order. */
export interface SdkTokenClaims {
  /** `auth-key-<sha256hex(raw SDK key)>`: the Redis key name. */
  apiKey: string;
  /** The environment UUID. */
  environment: string;
  /** Always `"1"`. */
  clusterIdentifier: string;
  accountID?: string;
  environmentIdentifier?: string;
  /** Issued at, Unix seconds. */
  iat: number;
  nbf: number;
  exp?: number;
}

/** What is put in a new token; the rest is added by {@link SdkTokens.issue}. */
export interface SdkTokenSubject {
  apiKey: string;
  environment: string;
  accountID?: string;
  environmentIdentifier?: string;
}

/** Issues and verifies the HS256 tokens SDKs carry. */
export interface SdkTokens {
  /** Signs a token for `subject` with the first secret. */
  issue(subject: SdkTokenSubject): Promise<string>;
  /** The claims of a valid token; rejects with `AuthenticationError('invalid token')` otherwise (§5.3 checks 2–3). */
  verify(token: string): Promise<SdkTokenClaims>;
}

/** Options of {@link createSdkTokens}. */
export interface SdkTokensOptions {
  /** `AUTH_SECRET` items: sign with the first, verify with any. Empty → the literal `secret` (BYPASS_AUTH only). */
  authSecrets: readonly string[];
  /** `AUTH_TOKEN_TTL` in seconds; 0 (default) issues tokens without `exp` (V2 behaviour). */
  tokenTtlSeconds?: number;
  /** Current time in ms; default `Date.now`. */
  now?: () => number;
}

/** Clock skew tolerated between pods, in seconds (§5.3 check 3). */
const LEEWAY_SECONDS = 60;
const encoder = new TextEncoder();
const INVALID = 'invalid token';

function checkClaims(payload: Record<string, unknown>, nowSeconds: number): SdkTokenClaims {
  const { apiKey, environment, iat } = payload;
  if (typeof apiKey !== 'string' || !apiKey.startsWith('auth-key-') || apiKey === 'auth-key-') throw new AuthenticationError(INVALID);
  if (typeof environment !== 'string' || environment === '') throw new AuthenticationError(INVALID);
  // jose checks exp and nbf with the tolerance; iat in the future is our own rule.
  if (iat !== undefined && (typeof iat !== 'number' || iat > nowSeconds + LEEWAY_SECONDS)) throw new AuthenticationError(INVALID);
  return payload as unknown as SdkTokenClaims;
}

/** Creates {@link SdkTokens} over the configured secrets (decision 12: rotation without logging SDKs out). */
export function createSdkTokens(options: SdkTokensOptions): SdkTokens {
  const secrets = (options.authSecrets.length > 0 ? options.authSecrets : ['secret']).map((s) => encoder.encode(s));
  const signingKey = secrets[0] as Uint8Array;
  const now = options.now ?? Date.now;
  const ttl = options.tokenTtlSeconds ?? 0;

  return {
    issue(subject) {
      const iat = Math.floor(now() / 1000);
      const payload: Record<string, unknown> = {
        apiKey: subject.apiKey,
        environment: subject.environment,
        clusterIdentifier: '1',
        ...(subject.accountID ? { accountID: subject.accountID } : {}),
        ...(subject.environmentIdentifier ? { environmentIdentifier: subject.environmentIdentifier } : {}),
        iat,
        nbf: iat,
        ...(ttl > 0 ? { exp: iat + ttl } : {}),
      };
      return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(signingKey);
    },
    async verify(token) {
      try {
        if (decodeProtectedHeader(token).alg !== 'HS256') throw new AuthenticationError(INVALID);
      } catch {
        throw new AuthenticationError(INVALID);
      }
      const currentDate = new Date(now());
      for (const key of secrets) {
        try {
          const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], clockTolerance: LEEWAY_SECONDS, currentDate });
          return checkClaims(payload, Math.floor(now() / 1000));
        } catch (error) {
          // A signature made with another secret: try the next one; any other failure is final.
          if (error instanceof errors.JWSSignatureVerificationFailed) continue;
          throw new AuthenticationError(INVALID, { cause: error });
        }
      }
      throw new AuthenticationError(INVALID);
    },
  };
}
