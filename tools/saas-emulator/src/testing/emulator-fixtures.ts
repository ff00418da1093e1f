import type { EmulatorState, FlagInput, SegmentInput } from '../emulator-state';
import type { SaasEmulator } from '../saas-emulator-options';

/** Environment ids of the specs' state. */
export const ENV_A = '71716f30-aea0-4271-89b5-cb1c82be4567';
export const ENV_B = '2b6ad8d4-7c35-4a0e-a0e5-1e0c4bb4e5a1';
export const ENV_C = 'c0ffee00-0000-4000-8000-000000000003';

/** A boolean flag as a test writes it (version, environment and project left to the emulator). */
export function flagInput(feature: string, overrides: Partial<FlagInput> = {}): FlagInput & { feature: string } {
  return {
    feature,
    state: 'off',
    kind: 'boolean',
    variations: [
      { identifier: 'true', value: 'true' },
      { identifier: 'false', value: 'false' },
    ],
    defaultServe: { variation: 'true' },
    offVariation: 'false',
    ...overrides,
  };
}

/** A segment with a legacy rule and a serving rule. */
export function segmentInput(
  identifier: string,
  overrides: Partial<SegmentInput> = {},
): SegmentInput & { identifier: string } {
  const clause = { id: 'c1', attribute: 'email', op: 'ends_with', values: ['@example.com'], negate: false };
  return {
    identifier,
    name: identifier,
    included: [{ identifier: 'alice', name: 'Alice' }],
    rules: [clause],
    servingRules: [{ ruleId: 'r1', priority: 1, clauses: [clause] }],
    ...overrides,
  };
}

/**
 * Three environments in two projects; `key-a` covers A, `key-ab` covers A and B, `key-c` covers C;
 * SDK key `sdk-a` in A; flag `f1` and segment `s1` in A, flag `f2` in B.
 */
export function specState(): EmulatorState {
  return {
    environments: [
      { id: ENV_A, identifier: 'dev', project: 'p1' },
      { id: ENV_B, identifier: 'prod', project: 'p1' },
      { id: ENV_C, identifier: 'dev', project: 'p2' },
    ],
    proxyKeys: [
      { key: 'key-a', environments: [ENV_A] },
      { key: 'key-ab', environments: [ENV_A, ENV_B] },
      { key: 'key-c', environments: [ENV_C] },
    ],
    sdkKeys: { [ENV_A]: ['sdk-a'] },
    flags: { [ENV_A]: [flagInput('f1')], [ENV_B]: [flagInput('f2')] },
    segments: { [ENV_A]: [segmentInput('s1')] },
  };
}

/** A token for `proxyKey` from `/proxy/auth`. */
export async function authenticate(emulator: SaasEmulator, proxyKey: string): Promise<string> {
  const response = await fetch(`${emulator.clientServiceUrl}/proxy/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ proxyKey }),
  });
  if (response.status !== 200) throw new Error(`auth answered ${response.status}`);
  return ((await response.json()) as { authToken: string }).authToken;
}

/** A GET of the SaaS API with a bearer token; resolves to status and body (parsed when JSON). */
export async function saasGet(
  emulator: SaasEmulator,
  path: string,
  token?: string,
): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${emulator.clientServiceUrl}${path}`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text is the body
  }
  return { status: response.status, body, text };
}

/** The decoded payload of a JWT. */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
