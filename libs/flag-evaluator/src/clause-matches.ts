import type { EvaluationContext } from './evaluation-types';
import { asArray, isNonEmptyArray, isRecord } from './json-shape';
import { operatorMatches } from './operator-matches';
import { readAttribute, targetIdentifier } from './read-attribute';

/** Segment references nested deeper than this (segment rules using `segmentMatch`) do not match (§8). */
export const MAX_SEGMENT_DEPTH = 16;

/**
 * Whether one clause matches the target (spec/evaluation.md §7). `depth` is the segment nesting level
 * of the caller (0 for flag rules). `negate` is ignored, as by both reference evaluators (§7.6).
 */
export function clauseMatches(clause: unknown, context: EvaluationContext, depth: number): boolean {
  if (!isRecord(clause)) return false;
  const { op, values } = clause;
  if (typeof op !== 'string' || op === '' || !isNonEmptyArray(values)) return false;
  if (op === 'segmentMatch') return inSegments(values, context, depth + 1);
  const attribute = readAttribute(context.target, clause.attribute);
  if (attribute === '') return false;
  return operatorMatches(op, attribute, values, context.regexCache);
}

/**
 * Whether the target is a member of one of the segments `ids` (spec/evaluation.md §8): missing
 * segments are skipped, `excluded` wins for the whole list, then `included`, then the segment's rules.
 * `depth` is 1 for a list named by a flag and grows with each nested `segmentMatch`.
 */
export function inSegments(ids: unknown, context: EvaluationContext, depth: number): boolean {
  if (depth > MAX_SEGMENT_DEPTH) return false;
  const identifier = targetIdentifier(context.target);
  for (const id of asArray(ids)) {
    const segment = typeof id === 'string' ? context.lookups.getSegment(id) : undefined;
    if (!isRecord(segment)) continue;
    if (identifier !== '' && listsTarget(segment.excluded, identifier)) return false;
    if (identifier !== '' && listsTarget(segment.included, identifier)) return true;
    if (context.lookups.andRules && isNonEmptyArray(segment.servingRules)) {
      // AND rules replace the legacy rules for this segment, matched or not (§8.4).
      if (anyServingRuleMatches(segment.servingRules, context, depth)) return true;
    } else if (anyClauseMatches(segment.rules, context, depth)) {
      return true;
    }
  }
  return false;
}

/** Whether `list` holds a target entry with this (non-empty) identifier. */
export function listsTarget(list: unknown, identifier: string): boolean {
  for (const item of asArray(list)) {
    if (isRecord(item) && item.identifier === identifier) return true;
  }
  return false;
}

/** Legacy segment rules are ORed (§8.5). */
function anyClauseMatches(clauses: unknown, context: EvaluationContext, depth: number): boolean {
  for (const clause of asArray(clauses)) {
    if (clauseMatches(clause, context, depth)) return true;
  }
  return false;
}

/** A serving rule matches when it has clauses and all of them match; an empty one never matches (§11.7). */
function anyServingRuleMatches(rules: readonly unknown[], context: EvaluationContext, depth: number): boolean {
  for (const rule of rules) {
    if (isRecord(rule) && isNonEmptyArray(rule.clauses) && allClausesMatch(rule.clauses, context, depth)) return true;
  }
  return false;
}

/** AND of clauses; `true` for an empty list (a flag rule without clauses matches everyone, §6.2). */
export function allClausesMatch(clauses: readonly unknown[], context: EvaluationContext, depth: number): boolean {
  for (const clause of clauses) {
    if (!clauseMatches(clause, context, depth)) return false;
  }
  return true;
}
