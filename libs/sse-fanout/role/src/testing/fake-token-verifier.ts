import { AuthenticationError } from '@relay/errors';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import type { TokenIdentity, TokenVerifier } from '@relay/replica';

/** A {@link TokenVerifier} for role tests: tokens are readable JSON, no signature. */
export interface FakeTokenVerifier extends TokenVerifier {
  /** A token the verifier accepts: `environment` claim `envId`, `apiKey` claim `auth-key-<sha256hex(rawSdkKey)>`. */
  tokenFor(envId: string, rawSdkKey: string): string;
}

/** Creates a {@link FakeTokenVerifier}; anything not made by `tokenFor` is `invalid token`. */
export function createFakeTokenVerifier(): FakeTokenVerifier {
  return {
    tokenFor: (envId, rawSdkKey) =>
      `fake.${Buffer.from(JSON.stringify({ environment: envId, apiKey: redisKeys.authKey(sha256hex(rawSdkKey)) })).toString('base64url')}`,
    async verify(token) {
      const [prefix, payload] = token.split('.');
      try {
        if (prefix !== 'fake' || payload === undefined) throw new Error('not a fake token');
        const identity = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenIdentity;
        if (typeof identity.environment !== 'string' || typeof identity.apiKey !== 'string')
          throw new Error('bad claims');
        return identity;
      } catch (error) {
        throw new AuthenticationError('invalid token', { cause: error });
      }
    },
  };
}
