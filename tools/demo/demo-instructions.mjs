// What a person needs next, printed by run-demo.mjs (all-in-one) and run-split.mjs (split processes).
export const DEMO_ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';

const flip = (saas, state) =>
  `curl -s -X PUT ${saas}/admin/environments/${DEMO_ENV}/flags/bool-flag1 -H 'Content-Type: application/json' -d '{"state":"${state}","kind":"boolean","variations":[{"identifier":"true","value":"true"},{"identifier":"false","value":"false"}],"defaultServe":{"variation":"true"},"offVariation":"false"}'`;

/** The text block: `headline` says what runs, `proxy` is the SDK base URL, `saas` the emulator, `extra` more lines. */
export function demoInstructions({ headline, proxy, saas, extra = '' }) {
  return `
${headline}

  Proxy URL (give it to SDKs as baseUrl and eventsUrl): ${proxy}
  Server SDK key: demo-server-sdk-key      Client SDK key: demo-client-sdk-key
  Environment:    ${DEMO_ENV} (dev)

Authenticate and list the flags:
  TOKEN=$(curl -s -X POST ${proxy}/client/auth -d '{"apiKey":"demo-server-sdk-key"}' | sed 's/.*"authToken":"\\([^"]*\\)".*/\\1/')
  curl -s -H "Authorization: Bearer $TOKEN" ${proxy}/client/env/${DEMO_ENV}/feature-configs

Evaluate every flag for a target:
  curl -s -H "Authorization: Bearer $TOKEN" ${proxy}/client/env/${DEMO_ENV}/target/alice/evaluations

Watch changes arrive (leave this running in a second terminal, with the same TOKEN):
  curl -sN -H "Authorization: Bearer $TOKEN" -H "API-Key: demo-server-sdk-key" ${proxy}/stream

Flip bool-flag1 in the emulator (run again with "off" to flip it back):
  ${flip(saas, 'on')}
${extra}
Health: ${proxy}/health   Metrics: ${proxy}/metrics   Stop: Ctrl-C
`;
}
