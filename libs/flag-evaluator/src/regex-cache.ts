import { RE2JS } from 're2js';

/** Compiled `match` patterns, least recently used evicted first (spec/evaluation.md §7). */
export interface RegexCache {
  /** Whether `pattern` (RE2 syntax, unanchored) matches somewhere in `input`; false for a pattern RE2 rejects. */
  test(pattern: string, input: string): boolean;
  /** Number of patterns held (rejected ones included), for tests and metrics. */
  size(): number;
}

/**
 * Creates an LRU cache of compiled RE2 patterns holding at most `maxEntries` (default 1000, §7).
 * Rejected patterns are cached too, as "never matches", so a bad pattern is parsed once. RE2 (via the
 * pure-JS `re2js`) matches in linear time, so a pattern such as `(a+)+$` cannot stall the event loop.
 */
export function createRegexCache(maxEntries = 1000): RegexCache {
  const limit = Math.max(0, Math.floor(maxEntries));
  const entries = new Map<string, RE2JS | null>();

  function compiled(pattern: string): RE2JS | null {
    const cached = entries.get(pattern);
    if (cached !== undefined) {
      entries.delete(pattern);
      entries.set(pattern, cached);
      return cached;
    }
    const regex = compileOrNull(pattern);
    entries.set(pattern, regex);
    if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    return regex;
  }

  return {
    test: (pattern, input) => compiled(pattern)?.test(input) ?? false,
    size: () => entries.size,
  };
}

function compileOrNull(pattern: string): RE2JS | null {
  try {
    return RE2JS.compile(pattern);
  } catch {
    // RE2 rejects lookarounds, backreferences and malformed syntax: the clause does not match (§11.29).
    return null;
  }
}
