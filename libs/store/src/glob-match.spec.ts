import { escapeGlob } from '@relay/redis-contract';
import { globMatch } from './glob-match';

describe('globMatch (Redis stringmatchlen)', () => {
  it.each([
    ['*', 'anything', true],
    ['env-*-target-config-*', 'env-1-target-config-u', true],
    ['env-*-target-config-*', 'env-1-feature-configs', false],
    ['key-*-inventory', 'key-abc-inventory', true],
    ['key-*-inventory', 'key-abc-leader', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a[bc]d', 'acd', true],
    ['a[^bc]d', 'acd', false],
    ['a[^bc]d', 'axd', true],
    ['a[a-c]d', 'abd', true],
    ['a[c-a]d', 'abd', true],
    ['a[a-c]d', 'axd', false],
    ['a[\\]]d', 'a]d', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a[b', 'ab', true],
    ['**x', 'abcx', true],
    ['a*', 'a', true],
    ['*', '', false],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('matches escaped identifiers only literally', () => {
    for (const id of ['a*b', 'a?b', 'a[b]c', 'a\\b', 'a[^x]b']) {
      const pattern = `env-${escapeGlob(id)}-target-config-*`;
      expect(globMatch(pattern, `env-${id}-target-config-u`)).toBe(true);
      for (const other of ['aXb', 'ab', 'abc', 'a\\\\b', 'a[b]cd']) {
        if (other !== id) expect(globMatch(pattern, `env-${other}-target-config-u`)).toBe(false);
      }
    }
  });

  it('treats ? as one byte of UTF-8, like Redis', () => {
    expect(globMatch('?', 'é')).toBe(false);
    expect(globMatch('??', 'é')).toBe(true);
  });
});
