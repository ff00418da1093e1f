import { InputError } from '@relay/errors';
import type { GroupServingRule, Segment } from '@relay/flag-model';
import { arrayOf, fillClauses, objectAt, stringAt, type JsonObject } from './fill-clauses';
import type { EmulatorEnvironment } from './emulator-state';

/** Fields written in SaaS order; anything else the input carries follows them, `version` comes last. */
const KNOWN_FIELDS = [
  'identifier',
  'name',
  'environment',
  'tags',
  'included',
  'excluded',
  'rules',
  'servingRules',
  'version',
];

function fillServingRules(value: unknown): GroupServingRule[] {
  return arrayOf(value, 'servingRules').map((item, index) => {
    const at = `servingRules[${index}]`;
    const rule = objectAt(item, at);
    stringAt(rule['ruleId'], `${at}.ruleId`);
    if (typeof rule['priority'] !== 'number') throw new InputError(`${at}.priority must be a number`);
    return { ...rule, clauses: fillClauses(rule['clauses'], `${at}.clauses`) } as unknown as GroupServingRule;
  });
}

function fillTargets(value: unknown, where: string): unknown[] {
  return arrayOf(value, where).map((item, index) => {
    const target = objectAt(item, `${where}[${index}]`);
    stringAt(target['identifier'], `${where}[${index}].identifier`);
    return { ...target, name: target['name'] ?? target['identifier'] };
  });
}

/**
 * Checks a segment of the admin API and returns it as SaaS sends it with `rules=v2` (spec/saas-api.md
 * §8.2, §10.4): `included`, `excluded`, `rules` and `servingRules` always arrays, `name` defaulting to the
 * identifier, `environment` = the environment identifier, the given `version`. An `identifier` in the body
 * that differs from the path is an {@link InputError}.
 */
export function fillSegment(input: unknown, env: EmulatorEnvironment, identifier: string, version: number): Segment {
  const body = objectAt(input, 'segment');
  if (body['identifier'] !== undefined && body['identifier'] !== identifier) {
    throw new InputError(
      `segment identifier '${String(body['identifier'])}' does not match the path ('${identifier}')`,
    );
  }
  const name = body['name'] ?? identifier;
  stringAt(name, 'name');
  const segment: JsonObject = { identifier, name, environment: env.identifier };
  if (body['tags'] !== undefined) segment['tags'] = arrayOf(body['tags'], 'tags');
  segment['included'] = fillTargets(body['included'], 'included');
  segment['excluded'] = fillTargets(body['excluded'], 'excluded');
  segment['rules'] = fillClauses(body['rules'], 'rules');
  segment['servingRules'] = fillServingRules(body['servingRules']);
  for (const [field, value] of Object.entries(body)) if (!KNOWN_FIELDS.includes(field)) segment[field] = value;
  segment['version'] = version;
  return segment as Segment;
}
