/** U+FFFD, what a UTF-8 encoder writes for a lone surrogate (as Node's Buffer and Go do). */
const REPLACEMENT_CHARACTER = 0xfffd;

/**
 * The Unicode code point starting at UTF-16 index `index` of `text`, as it would be UTF-8 encoded:
 * a surrogate pair gives one code point above U+FFFF (the caller then advances by 2), a lone
 * surrogate gives U+FFFD.
 */
export function readCodePoint(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit < 0xd800 || unit > 0xdfff) return unit;
  if (unit <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return REPLACEMENT_CHARACTER;
}
