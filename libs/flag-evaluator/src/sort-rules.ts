import { asArray, isRecord } from './json-shape';

/** A rule's priority; rules without a numeric one sort last, keeping their order. */
function priorityOf(rule: unknown): number {
  return isRecord(rule) && typeof rule.priority === 'number' && !Number.isNaN(rule.priority) ? rule.priority : Infinity;
}

function isSorted(rules: readonly unknown[]): boolean {
  for (let i = 1; i < rules.length; i++) {
    if (priorityOf(rules[i - 1]) > priorityOf(rules[i])) return false;
  }
  return true;
}

/**
 * The rules by ascending priority, stable (spec/evaluation.md §6.1: equal priorities keep array order,
 * 999 before 1000). Never sorts the stored array: an already ordered list (the usual case) is returned
 * as is, otherwise a sorted copy.
 */
export function sortRules(rules: unknown): readonly unknown[] {
  const list = asArray(rules);
  if (isSorted(list)) return list;
  return [...list].sort((a, b) => {
    const pa = priorityOf(a);
    const pb = priorityOf(b);
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
}
