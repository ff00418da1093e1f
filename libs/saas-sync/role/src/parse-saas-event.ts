import type { SaasEvent } from '@relay/flag-model';

/** Result of {@link parseSaasEvent}. */
export type ParsedSaasEvent =
  | { kind: 'event'; event: SaasEvent }
  /** Known domain and event, but a required field is missing: logged at error, a resync follows. */
  | { kind: 'incomplete'; event: SaasEvent; reason: string }
  /** Another domain or an unknown proxy event: logged at warn and ignored (may be a newer SaaS feature). */
  | { kind: 'unknown'; event: SaasEvent }
  /** Not JSON or not an object: logged and ignored. */
  | { kind: 'invalid' };

const ITEM_EVENTS = new Set(['create', 'patch', 'delete']);
const PROXY_EVENTS = new Set(['environmentsAdded', 'environmentsRemoved', 'apiKeyAdded', 'apiKeyRemoved', 'proxyKeyDeleted']);
const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

function missingField(event: SaasEvent): string | undefined {
  if (event.domain === 'flag' || event.domain === 'target-segment') {
    if (!text(event.identifier)) return 'identifier';
    if (!text(event.environment)) return 'environment';
    if (event.event !== 'delete' && typeof event.version !== 'number') return 'version';
    return undefined;
  }
  const environments = Array.isArray(event.environments) ? event.environments.filter(text) : [];
  if (event.event === 'proxyKeyDeleted') return undefined;
  if (environments.length === 0) return 'environments';
  if ((event.event === 'apiKeyAdded' || event.event === 'apiKeyRemoved') && !text(event.apiKey)) return 'apiKey';
  return undefined;
}

/** Reads the data of one SaaS stream block (spec/saas-api.md §5.3, §5.5, §8.7). Unknown fields are ignored. */
export function parseSaasEvent(data: string): ParsedSaasEvent {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { kind: 'invalid' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'invalid' };
  const event = value as SaasEvent;
  const known =
    ((event.domain === 'flag' || event.domain === 'target-segment') && ITEM_EVENTS.has(event.event)) ||
    (event.domain === 'proxy' && PROXY_EVENTS.has(event.event));
  if (!known) return { kind: 'unknown', event };
  const missing = missingField(event);
  return missing ? { kind: 'incomplete', event, reason: `missing ${missing}` } : { kind: 'event', event };
}
