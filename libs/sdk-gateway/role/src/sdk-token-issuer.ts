/** What a new SDK token says (spec/sdk-api.md §5.2); the issuer adds `clusterIdentifier`, `iat`, `nbf`, `exp`. */
export interface SdkTokenSubject {
  /** `auth-key-<sha256hex(raw SDK key)>`: the Redis key name. */
  apiKey: string;
  /** The environment UUID. */
  environment: string;
  /** From `env-<envID>-meta`, only when known. */
  accountID?: string;
  /** From `env-<envID>-meta`, only when known. */
  environmentIdentifier?: string;
}

/**
 * Signs SDK tokens: the port `/client/auth` uses, satisfied by `createSdkTokens` of `@relay/sdk-auth`
 * (HS256 with the first `AUTH_SECRET`).
 */
export interface SdkTokenIssuer {
  issue(subject: SdkTokenSubject): Promise<string>;
}
