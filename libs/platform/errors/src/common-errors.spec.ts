import { AuthenticationError, ConfigError, DependencyError, InputError, isRetryable } from './index';

describe('relay errors', () => {
  it('names each error after its class and keeps the cause', () => {
    const cause = new Error('socket closed');
    const error = new AuthenticationError('invalid token', { cause });
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toBe('invalid token');
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
  });

  it('reports retryable dependency failures only', () => {
    expect(isRetryable(new DependencyError('saas 503', { dependency: 'saas', status: 503, retryable: true }))).toBe(true);
    expect(isRetryable(new DependencyError('saas 400', { dependency: 'saas', status: 400 }))).toBe(false);
    expect(isRetryable(new InputError('bad'))).toBe(false);
  });

  it('lists every configuration problem in the message', () => {
    const error = new ConfigError(['PORT: must be an integer', 'PROXY_KEY: required']);
    expect(error.problems).toEqual(['PORT: must be an integer', 'PROXY_KEY: required']);
    expect(error.message).toBe('invalid configuration: PORT: must be an integer; PROXY_KEY: required');
  });
});
