const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The value of `text` as Redis reads an integer (`string2ll`): optional `-`, no `+`, no spaces, no
 * leading zeros, no `-0`, within signed 64 bits. `undefined` when Redis would answer "value is not an
 * integer or out of range" (spec/redis-contract.md §10.4).
 */
export function parseRedisInteger(text: string): bigint | undefined {
  if (!/^(0|-?[1-9][0-9]{0,19})$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** Whether `value` fits a signed 64-bit integer (`INCR` fails with "would overflow" otherwise). */
export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}
