import { ConfigError } from '@relay/errors';
import { readAuthOptions } from './auth-options';
import { createEnvReader, type Env } from './env-reader';

function read(env: Env) {
  const reader = createEnvReader(env);
  const options = readAuthOptions(reader);
  return { options, warnings: reader.finish() };
}

describe('readAuthOptions', () => {
  it('accepts a rotation list and signs with the first secret', () => {
    const { options, warnings } = read({ AUTH_SECRET: `${'n'.repeat(32)},${'o'.repeat(32)}` });
    expect(options.authSecrets).toEqual(['n'.repeat(32), 'o'.repeat(32)]);
    expect(warnings).toEqual([]);
  });

  it.each([[{}], [{ AUTH_SECRET: 'secret' }], [{ AUTH_SECRET: `${'x'.repeat(40)},secret` }]])('refuses %j', (env) => {
    expect(() => read(env)).toThrow(ConfigError);
  });

  it('allows an empty secret with BYPASS_AUTH and warns', () => {
    expect(read({ BYPASS_AUTH: 'true' }).warnings).toEqual(['BYPASS_AUTH=true: SDK authentication is bypassed']);
  });

  it('warns about short secrets', () => {
    expect(read({ AUTH_SECRET: 'short-but-not-default' }).warnings).toHaveLength(1);
  });
});
