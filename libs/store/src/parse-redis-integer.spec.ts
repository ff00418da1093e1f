import { isInt64, parseRedisInteger } from './parse-redis-integer';

describe('parseRedisInteger', () => {
  it.each([
    ['0', 0n],
    ['1700000000123', 1700000000123n],
    ['-5', -5n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
  ])('reads %j', (text, value) => {
    expect(parseRedisInteger(text)).toBe(value);
  });

  it.each(['', ' 1', '1 ', '+1', '01', '-0', '1.5', '1e3', 'abc', '9223372036854775808', '-9223372036854775809'])(
    'rejects %j as Redis does',
    (text) => {
      expect(parseRedisInteger(text)).toBeUndefined();
    },
  );

  it('bounds signed 64-bit values', () => {
    expect(isInt64(2n ** 63n - 1n)).toBe(true);
    expect(isInt64(2n ** 63n)).toBe(false);
  });
});
