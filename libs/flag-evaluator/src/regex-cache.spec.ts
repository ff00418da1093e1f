import { createRegexCache } from './regex-cache';

describe('createRegexCache', () => {
  it('matches unanchored with RE2 syntax and rejects what RE2 rejects', () => {
    const cache = createRegexCache();
    expect(cache.test('b+', 'abbbc')).toBe(true);
    expect(cache.test('^b+$', 'abbbc')).toBe(false);
    expect(cache.test('(?=a)', 'a')).toBe(false);
    expect(cache.test('(a)\\1', 'aa')).toBe(false);
  });

  it('keeps at most its size, evicting the least recently used pattern', () => {
    const cache = createRegexCache(2);
    cache.test('a', 'a');
    cache.test('b', 'b');
    cache.test('a', 'a'); // refreshes a
    cache.test('c', 'c'); // evicts b
    expect(cache.size()).toBe(2);
    cache.test('[', '['); // a rejected pattern is cached too, evicting a
    expect(cache.size()).toBe(2);
  });

  it('holds 1000 patterns by default', () => {
    const cache = createRegexCache();
    for (let i = 0; i < 1005; i++) cache.test(`x${i}`, 'x');
    expect(cache.size()).toBe(1000);
  });

  it('still matches with caching disabled', () => {
    const cache = createRegexCache(0);
    expect(cache.test('a', 'cat')).toBe(true);
    expect(cache.size()).toBe(0);
  });

  it('answers a pathological pattern over a 100 000-character input in linear time', () => {
    const cache = createRegexCache();
    const input = `${'a'.repeat(100_000)}!`;
    expect(cache.test('(a+)+$', input)).toBe(false);
    expect(cache.test('(a+)+!$', input)).toBe(true);
  });
});
