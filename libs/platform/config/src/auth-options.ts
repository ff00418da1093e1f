import type { EnvReader } from './env-reader';

/** SDK token settings shared by sdk-gateway and sse-fanout. */
export interface AuthOptions {
  /** `AUTH_SECRET` items: sign with the first, verify with any (decision 12). */
  authSecrets: string[];
  /** `BYPASS_AUTH`: skip token checks (local debugging only). Default false. */
  bypassAuth: boolean;
}

/**
 * Reads `AUTH_SECRET` and `BYPASS_AUTH` (spec/configuration.md §2.1): an empty list or a `secret`
 * item is refused unless `BYPASS_AUTH=true`; items shorter than 32 bytes get a warning.
 */
export function readAuthOptions(reader: EnvReader): AuthOptions {
  const authSecrets = reader.list('AUTH_SECRET');
  const bypassAuth = reader.bool('BYPASS_AUTH', false);
  if (bypassAuth) {
    reader.warn('BYPASS_AUTH=true: SDK authentication is bypassed');
  } else if (authSecrets.length === 0 || authSecrets.includes('secret')) {
    reader.problem("AUTH_SECRET: empty or 'secret' and BYPASS_AUTH is not true");
  }
  if (authSecrets.some((secret) => Buffer.byteLength(secret) < 32)) {
    reader.warn('AUTH_SECRET: a secret shorter than 32 bytes is weak; use at least 32 random bytes');
  }
  return { authSecrets, bypassAuth };
}
