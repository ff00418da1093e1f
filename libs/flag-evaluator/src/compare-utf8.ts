import { readCodePoint } from './read-code-point';

/**
 * Compares two strings by their UTF-8 bytes, like Go's `a > b` and `Buffer.compare` (spec/evaluation.md
 * §7 `gt`): negative when `a` sorts first, 0 when equal, positive when `a` sorts after. UTF-8 byte order
 * is code point order, which differs from JavaScript's UTF-16 `<` for characters above U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = readCodePoint(a, i);
    const y = readCodePoint(b, j);
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  if (i < a.length) return 1;
  return j < b.length ? -1 : 0;
}
