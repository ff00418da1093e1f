import { ConfigError } from '@relay/errors';
import { createEnvReader } from './env-reader';

describe('createEnvReader', () => {
  it('treats the empty string as unset', () => {
    const reader = createEnvReader({ NAME: '' });
    expect(reader.string('NAME', 'fallback')).toBe('fallback');
    expect(reader.int('NAME', { default: 5, min: 0, max: 10 })).toBe(5);
  });

  it.each([
    ['1', true], ['t', true], ['T', true], ['TRUE', true], ['true', true], ['True', true],
    ['0', false], ['f', false], ['F', false], ['FALSE', false], ['false', false], ['False', false],
  ])('reads boolean %s as %s', (value, expected) => {
    const reader = createEnvReader({ FLAG: value });
    expect(reader.bool('FLAG', !expected)).toBe(expected);
    expect(reader.finish()).toEqual([]);
  });

  it('collects every problem and names each variable once finished', () => {
    const reader = createEnvReader({ PORT: 'abc', FLAG: 'yes', LIMIT: '70000', URL_VAR: 'ftp://x', NEG: '-1' });
    reader.int('PORT', { default: 8000, min: 0, max: 65535 });
    reader.bool('FLAG', false);
    reader.int('LIMIT', { default: 1, min: 1, max: 65535 });
    reader.url('URL_VAR', 'https://example.com');
    reader.int('NEG', { default: 0, min: 0, max: 10 });
    expect(() => reader.finish()).toThrow(ConfigError);
    try {
      reader.finish();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        "PORT: 'abc' is not an integer",
        "FLAG: 'yes' is not a boolean (use true or false)",
        'LIMIT: 70000 is out of range 1-65535',
        "URL_VAR: 'ftp://x' is not an http or https URL",
        "NEG: '-1' is not an integer",
      ]);
    }
  });

  it('removes one trailing slash from URLs', () => {
    const reader = createEnvReader({ CLIENT_SERVICE: 'http://127.0.0.1:3001/api/1.0/' });
    expect(reader.url('CLIENT_SERVICE', 'https://config.ff.harness.io/api/1.0')).toBe('http://127.0.0.1:3001/api/1.0');
  });

  it('splits lists on commas, trimming and dropping empty items', () => {
    expect(createEnvReader({ AUTH_SECRET: ' a , ,b,' }).list('AUTH_SECRET')).toEqual(['a', 'b']);
  });

  it('returns warnings without failing', () => {
    const reader = createEnvReader({});
    reader.warn('something odd');
    expect(reader.finish()).toEqual(['something odd']);
  });
});
