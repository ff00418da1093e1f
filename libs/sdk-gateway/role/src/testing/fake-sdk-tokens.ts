import { AuthenticationError } from '@relay/errors';
import type { TokenIdentity, TokenVerifier } from '@relay/replica';
import type { SdkTokenIssuer, SdkTokenSubject } from '../sdk-token-issuer';

/** A fake of the token issuer and verifier ports: readable, unsigned tokens for role tests. */
export interface FakeSdkTokens extends SdkTokenIssuer, TokenVerifier {
  /** Every subject issued so far, oldest first. */
  readonly issued: SdkTokenSubject[];
  /** The subject inside a token this fake issued. */
  decode(token: string): SdkTokenSubject;
}

const PREFIX = 'fake.';

/**
 * Creates {@link FakeSdkTokens}: a token is `fake.` + base64url of the subject JSON; anything else
 * fails verification with `invalid token`, as a token signed with a foreign secret would.
 */
export function createFakeSdkTokens(): FakeSdkTokens {
  const issued: SdkTokenSubject[] = [];
  const decode = (token: string): SdkTokenSubject => {
    if (!token.startsWith(PREFIX)) throw new AuthenticationError('invalid token');
    try {
      return JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8')) as SdkTokenSubject;
    } catch {
      throw new AuthenticationError('invalid token');
    }
  };
  return {
    issued,
    decode,
    async issue(subject) {
      issued.push(subject);
      return PREFIX + Buffer.from(JSON.stringify(subject)).toString('base64url');
    },
    async verify(token): Promise<TokenIdentity> {
      const { apiKey, environment } = decode(token);
      if (typeof apiKey !== 'string' || !apiKey.startsWith('auth-key-') || typeof environment !== 'string' || environment === '') {
        throw new AuthenticationError('invalid token');
      }
      return { apiKey, environment };
    },
  };
}
