/** A SaaS proxy token and the claims the proxy uses (spec/saas-api.md §2). */
export interface ProxyToken {
  token: string;
  /** `cluster_identifier`, `"1"` when absent or empty. */
  cluster: string;
  /** `account`, `undefined` when absent. */
  account: string | undefined;
  /** `environments` the key may read (informational). */
  environments: string[];
  /** `exp` in ms, when present. */
  expiresAtMs: number | undefined;
  /** When the token was obtained, in ms. */
  issuedAtMs: number;
}

/** Decodes a proxy token's payload without verifying it (the proxy cannot; SaaS signs it). */
export function decodeProxyToken(token: string, nowMs: number): ProxyToken {
  let claims: Record<string, unknown> = {};
  try {
    const payload = token.split('.')[1] ?? '';
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (parsed !== null && typeof parsed === 'object') claims = parsed as Record<string, unknown>;
  } catch {
    claims = {};
  }
  const cluster = typeof claims['cluster_identifier'] === 'string' && claims['cluster_identifier'] !== '' ? claims['cluster_identifier'] : '1';
  const account = typeof claims['account'] === 'string' && claims['account'] !== '' ? claims['account'] : undefined;
  const environments = Array.isArray(claims['environments']) ? claims['environments'].filter((e): e is string => typeof e === 'string') : [];
  const exp = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : undefined;
  return { token, cluster, account, environments, expiresAtMs: exp, issuedAtMs: nowMs };
}

/**
 * Whether a token should be renewed (§2): when less than 10 % of its lifetime or 5 minutes remain,
 * whichever comes later in the token's life (so a short-lived token is not renewed on every call).
 */
export function tokenNeedsRenewal(token: ProxyToken, nowMs: number): boolean {
  if (token.expiresAtMs === undefined) return false;
  const remaining = token.expiresAtMs - nowMs;
  const lifetime = token.expiresAtMs - token.issuedAtMs;
  return remaining < Math.min(lifetime * 0.1, 5 * 60_000);
}
