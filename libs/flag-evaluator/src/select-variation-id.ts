import type { EvaluationContext } from './evaluation-types';
import { allClausesMatch, inSegments, listsTarget } from './clause-matches';
import { asArray, asString, isNonEmptyArray, isRecord, type JsonRecord } from './json-shape';
import { targetIdentifier } from './read-attribute';
import { selectFromDistribution } from './select-from-distribution';
import { sortRules } from './sort-rules';

/**
 * `core(flag, target)` of spec/evaluation.md §3.2: the variation identifier the flag serves, ignoring
 * its prerequisites; `""` when nothing is selected. Off flags serve `offVariation`; on flags the first
 * non-empty of individual targeting, rules, the default rollout and the default variation.
 */
export function selectVariationId(flag: JsonRecord, context: EvaluationContext): string {
  if (flag.state !== 'on') return asString(flag.offVariation);
  const defaultServe = isRecord(flag.defaultServe) ? flag.defaultServe : {};
  return (
    fromVariationMap(flag.variationToTargetMap, context) ||
    fromRules(flag.rules, context) ||
    selectFromDistribution(defaultServe.distribution, context.target) ||
    asString(defaultServe.variation)
  );
}

/** Individual targeting (§5): the first entry naming the target or one of its segments. */
function fromVariationMap(entries: unknown, context: EvaluationContext): string {
  if (context.target === null) return '';
  const identifier = targetIdentifier(context.target);
  for (const entry of asArray(entries)) {
    if (!isRecord(entry)) continue;
    if (identifier !== '' && listsTarget(entry.targets, identifier)) return asString(entry.variation);
    if (isNonEmptyArray(entry.targetSegments) && inSegments(entry.targetSegments, context, 1)) {
      return asString(entry.variation);
    }
  }
  return '';
}

/**
 * Targeting rules (§6), by ascending priority: the first rule whose clauses all match serves its
 * rollout (even an empty one, which leads to the default serve) or its variation; a matching rule with
 * neither goes on to the next rule, as in Go.
 */
function fromRules(rules: unknown, context: EvaluationContext): string {
  if (context.target === null) return '';
  for (const rule of sortRules(rules)) {
    if (!isRecord(rule) || !ruleMatches(rule.clauses, context)) continue;
    const serve = isRecord(rule.serve) ? rule.serve : {};
    if (serve.distribution !== undefined && serve.distribution !== null) {
      return selectFromDistribution(serve.distribution, context.target);
    }
    if (typeof serve.variation === 'string' && serve.variation !== '') return serve.variation;
  }
  return '';
}

/** `null`/missing clauses are `[]` and match everyone (§6.2, §11.26); any other non-array never matches. */
function ruleMatches(clauses: unknown, context: EvaluationContext): boolean {
  if (clauses === null || clauses === undefined) return true;
  return Array.isArray(clauses) && allClausesMatch(clauses, context, 0);
}
