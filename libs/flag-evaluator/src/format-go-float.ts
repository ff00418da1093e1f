/**
 * Formats a number as Go's `strconv.FormatFloat(v, 'f', -1, 64)` does (spec/evaluation.md §2): plain
 * decimal notation, never an exponent, with the shortest digits that round-trip (`1e21` →
 * `"1000000000000000000000"`, `1e-7` → `"0.0000001"`, `-0` → `"-0"`, NaN → `"NaN"`, ±∞ → `"+Inf"`/`"-Inf"`).
 */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  const sign = value < 0 ? '-' : '';
  // JavaScript's shortest round-trip digits equal Go's; only the notation differs.
  const text = String(Math.abs(value));
  const exponentAt = text.indexOf('e');
  if (exponentAt < 0) return sign + text;
  return sign + expandExponent(text.slice(0, exponentAt), Number(text.slice(exponentAt + 1)));
}

/** `mantissa` like `1.2345` times 10^`exponent`, written without an exponent. */
function expandExponent(mantissa: string, exponent: number): string {
  const digits = mantissa.replace('.', '');
  const integerDigits = (mantissa.indexOf('.') < 0 ? mantissa.length : mantissa.indexOf('.')) + exponent;
  if (integerDigits <= 0) return `0.${'0'.repeat(-integerDigits)}${digits}`;
  if (integerDigits >= digits.length) return digits + '0'.repeat(integerDigits - digits.length);
  return `${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}
