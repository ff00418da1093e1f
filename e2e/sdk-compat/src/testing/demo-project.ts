// The demo seed (tools/saas-emulator/seeds/demo.json) as the SDKs must see it: the keys, and the value of
// every flag for three targets. new-checkout is a 50/50 rollout on `identifier` (murmur3 of
// "identifier:<id>" % 100 + 1 ≤ 50: carol 17 → true, user1 79 and alice 92 → false); checkout-upsell
// requires new-checkout = true; beta-banner serves true to the beta-users segment (alice included,
// emails ending in @example.com by rule).
import { readFileSync } from 'node:fs';
import { DEMO_SEED_PATH, type EmulatorState } from '@relay/saas-emulator';

/** The demo environment (identifier `dev`). */
export const DEMO_ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
export const PROXY_KEY = 'demo-proxy-key';
export const SERVER_KEY = 'demo-server-sdk-key';
export const CLIENT_KEY = 'demo-client-sdk-key';
/** The emulator's default account (`accountID` claim). */
export const ACCOUNT = 'acc-123';

/** A fresh copy of the demo seed. */
export function demoState(): EmulatorState {
  return JSON.parse(readFileSync(DEMO_SEED_PATH, 'utf8')) as EmulatorState;
}

/** A target as both SDKs take it. */
export interface DemoTarget {
  identifier: string;
  name: string;
  attributes?: Record<string, string>;
}

const LIGHT_THEME = { theme: 'light', accent: '#0a7cff', compact: false };
const common = { 'bool-flag1': false, greeting: 'Hello, world', 'max-items': 10, 'theme-config': LIGHT_THEME };

/** Each target with the value of every demo flag, as typed SDK values (json as an object). */
export const DEMO_EXPECTATIONS: readonly { target: DemoTarget; values: Record<string, unknown> }[] = [
  {
    target: { identifier: 'user1', name: 'User 1', attributes: { plan: 'pro' } },
    values: { ...common, 'beta-banner': false, 'new-checkout': false, 'checkout-upsell': false },
  },
  {
    target: { identifier: 'alice', name: 'Alice' },
    values: { ...common, 'beta-banner': true, 'new-checkout': false, 'checkout-upsell': false },
  },
  {
    target: { identifier: 'carol', name: 'Carol', attributes: { email: 'carol@example.com' } },
    values: { ...common, 'beta-banner': true, 'new-checkout': true, 'checkout-upsell': true },
  },
];

/** The full flag body the emulator admin API takes, for flipping `bool-flag1` on or off. */
export function boolFlag1(state: 'on' | 'off') {
  return {
    feature: 'bool-flag1',
    kind: 'boolean' as const,
    state,
    variations: [{ identifier: 'true', name: 'True', value: 'true' }, { identifier: 'false', name: 'False', value: 'false' }],
    defaultServe: { variation: 'true' },
    offVariation: 'false',
  };
}
