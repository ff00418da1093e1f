const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;

/** Matches one `[...]` class at `p` (just after `[`) against byte `c`; returns the index of its `]` and the outcome. */
function matchClass(pattern: Uint8Array, start: number, c: number): { end: number; matched: boolean } {
  let p = start;
  const negate = pattern[p] === CARET;
  if (negate) p += 1;
  let matched = false;
  for (;;) {
    if (p >= pattern.length) {
      p -= 1; // an unterminated class ends with the pattern, as in Redis
      break;
    }
    const current = pattern[p] as number;
    if (current === BACKSLASH && p + 1 < pattern.length) {
      p += 1;
      if (pattern[p] === c) matched = true;
    } else if (current === CLOSE) {
      break;
    } else if (p + 2 < pattern.length && pattern[p + 1] === DASH) {
      const low = Math.min(current, pattern[p + 2] as number);
      const high = Math.max(current, pattern[p + 2] as number);
      if (c >= low && c <= high) matched = true;
      p += 2;
    } else if (current === c) {
      matched = true;
    }
    p += 1;
  }
  return { end: p, matched: negate ? !matched : matched };
}

function matchFrom(pattern: Uint8Array, p0: number, text: Uint8Array, s0: number): boolean {
  let p = p0;
  let s = s0;
  while (p < pattern.length && s < text.length) {
    const current = pattern[p] as number;
    if (current === STAR) {
      while (pattern[p + 1] === STAR) p += 1;
      if (p + 1 === pattern.length) return true;
      for (let i = s; i < text.length; i += 1) if (matchFrom(pattern, p + 1, text, i)) return true;
      return false;
    } else if (current === QUESTION) {
      s += 1;
    } else if (current === OPEN) {
      const { end, matched } = matchClass(pattern, p + 1, text[s] as number);
      if (!matched) return false;
      p = end;
      s += 1;
    } else {
      if (current === BACKSLASH && p + 1 < pattern.length) p += 1;
      if (pattern[p] !== text[s]) return false;
      s += 1;
    }
    p += 1;
    if (s === text.length) while (pattern[p] === STAR) p += 1;
  }
  return p === pattern.length && s === text.length;
}

/**
 * Redis glob matching (`SCAN … MATCH`, `stringmatchlen` in Redis): `*`, `?`, `[abc]`, `[^a]`, `[a-z]`,
 * and `\` escaping the next character (spec/redis-contract.md §8.2). Works on UTF-8 bytes like Redis.
 */
export function globMatch(pattern: string, text: string): boolean {
  return matchFrom(Buffer.from(pattern, 'utf8'), 0, Buffer.from(text, 'utf8'), 0);
}
