import { InputError } from '@relay/errors';
import type { FeatureConfig, ServingRule, Variation } from '@relay/flag-model';
import { arrayOf, fillClauses, objectAt, stringAt, type JsonObject } from './fill-clauses';
import type { EmulatorEnvironment } from './emulator-state';

/** Fields written in SaaS order; anything else the input carries follows them, `version` comes last. */
const KNOWN_FIELDS = [
  'project',
  'environment',
  'feature',
  'state',
  'kind',
  'variations',
  'rules',
  'defaultServe',
  'offVariation',
  'prerequisites',
  'variationToTargetMap',
  'version',
];

function fillVariations(value: unknown): Variation[] {
  return arrayOf(value, 'variations').map((item, index) => {
    const variation = objectAt(item, `variations[${index}]`);
    stringAt(variation['identifier'], `variations[${index}].identifier`);
    // SaaS sends every value as a string, also for boolean, int and json kinds (spec/saas-api.md §8.1).
    stringAt(variation['value'], `variations[${index}].value`);
    return variation as unknown as Variation;
  });
}

function fillRules(value: unknown): ServingRule[] {
  return arrayOf(value, 'rules').map((item, index) => {
    const rule = objectAt(item, `rules[${index}]`);
    if (typeof rule['priority'] !== 'number') throw new InputError(`rules[${index}].priority must be a number`);
    objectAt(rule['serve'], `rules[${index}].serve`);
    return { ...rule, clauses: fillClauses(rule['clauses'], `rules[${index}].clauses`) } as unknown as ServingRule;
  });
}

/**
 * Checks a flag of the admin API and returns it as SaaS sends it (spec/saas-api.md §8.1, §10.4): every
 * array present, `project` and `environment` (the identifier) from `env`, `feature` from the path, the
 * given `version`. A `feature` in the body that differs from the path is an {@link InputError}.
 */
export function fillFeatureConfig(
  input: unknown,
  env: EmulatorEnvironment,
  feature: string,
  version: number,
): FeatureConfig {
  const body = objectAt(input, 'flag');
  if (body['feature'] !== undefined && body['feature'] !== feature) {
    throw new InputError(`flag feature '${String(body['feature'])}' does not match the path ('${feature}')`);
  }
  if (body['state'] !== 'on' && body['state'] !== 'off') throw new InputError(`flag state must be 'on' or 'off'`);
  stringAt(body['kind'], 'kind');
  objectAt(body['defaultServe'], 'defaultServe');
  stringAt(body['offVariation'], 'offVariation');
  const prerequisites = arrayOf(body['prerequisites'], 'prerequisites').map((item, index) => {
    const prerequisite = objectAt(item, `prerequisites[${index}]`);
    stringAt(prerequisite['feature'], `prerequisites[${index}].feature`);
    return { ...prerequisite, variations: arrayOf(prerequisite['variations'], `prerequisites[${index}].variations`) };
  });
  const flag: JsonObject = {
    project: env.project,
    environment: env.identifier,
    feature,
    state: body['state'],
    kind: body['kind'],
    variations: fillVariations(body['variations']),
    rules: fillRules(body['rules']),
    defaultServe: body['defaultServe'],
    offVariation: body['offVariation'],
    prerequisites,
    variationToTargetMap: arrayOf(body['variationToTargetMap'], 'variationToTargetMap'),
  };
  for (const [field, value] of Object.entries(body)) if (!KNOWN_FIELDS.includes(field)) flag[field] = value;
  flag['version'] = version;
  return flag as FeatureConfig;
}
