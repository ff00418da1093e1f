import { readAuthRequest } from './read-auth-request';

describe('readAuthRequest', () => {
  it('matches property names in any letter case, the last one winning', () => {
    expect(readAuthRequest({ APIKey: 'k1' }).apiKey).toBe('k1');
    expect(readAuthRequest({ apikey: 'k1', ApiKey: 'k2' }).apiKey).toBe('k2');
    expect(readAuthRequest({ apiKey: 'k', TARGET: { IDENTIFIER: 'u1', Name: 'User 1' } }).target).toEqual({ identifier: 'u1', name: 'User 1' });
  });

  it('defaults a missing or empty name to the identifier and keeps anonymous and attributes only when sent', () => {
    expect(readAuthRequest({ apiKey: 'k', target: { identifier: 'u1' } }).target).toEqual({ identifier: 'u1', name: 'u1' });
    expect(readAuthRequest({ apiKey: 'k', target: { identifier: 'u1', name: '' } }).target).toEqual({ identifier: 'u1', name: 'u1' });
    expect(readAuthRequest({ apiKey: 'k', target: { identifier: 'u1', name: 'N', anonymous: false, attributes: { plan: 'pro' } } }).target).toEqual({
      identifier: 'u1',
      name: 'N',
      anonymous: false,
      attributes: { plan: 'pro' },
    });
    expect(readAuthRequest({ apiKey: 'k', target: { identifier: 'u1', attributes: null } }).target).toEqual({ identifier: 'u1', name: 'u1' });
    expect(readAuthRequest({ apiKey: 'k', target: null }).target).toBeUndefined();
    expect(readAuthRequest({ apiKey: 'k', target: {} }).target).toEqual({ identifier: '', name: '' });
  });

  it('accepts Unicode letters, digits, spaces and .@_- in names', () => {
    expect(readAuthRequest({ apiKey: 'k', target: { identifier: 'a.b@c_d-e', name: 'Zoë Ødegård 2 .@_-' } }).target?.name).toBe('Zoë Ødegård 2 .@_-');
  });

  it.each([
    [{}, 'bad request: apiKey cannot be empty'],
    [{ apiKey: '' }, 'bad request: apiKey cannot be empty'],
    [{ apiKey: 42 }, 'bad request: apiKey cannot be empty'],
    [{ apiKey: null }, 'bad request: apiKey cannot be empty'],
    [{ apiKey: 'k', target: 'u1' }, 'bad request: target is invalid'],
    [{ apiKey: 'k', target: [] }, 'bad request: target is invalid'],
    [{ apiKey: 'k', target: { identifier: 7 } }, 'bad request: target is invalid'],
    [{ apiKey: 'k', target: { identifier: 'u', name: ['x'] } }, 'bad request: target is invalid'],
    [{ apiKey: 'k', target: { identifier: 'u', anonymous: 'yes' } }, 'bad request: target is invalid'],
    [{ apiKey: 'k', target: { identifier: 'u', attributes: [1] } }, 'bad request: target is invalid'],
    [{ apiKey: 'k', target: { identifier: 'u', attributes: 'plan' } }, 'bad request: target is invalid'],
    [{ apiKey: 'k', target: { identifier: 'user 1' } }, 'bad request: target identifier is invalid'],
    [{ apiKey: 'k', target: { identifier: 'ü' } }, 'bad request: target identifier is invalid'],
    [{ apiKey: 'k', target: { identifier: 'u', name: 'x<script>' } }, 'bad request: target name is invalid'],
    [{ apiKey: 'k', target: { identifier: 'u', name: 'a\tb' } }, 'bad request: target name is invalid'],
    [{ apiKey: 'k', target: { identifier: 'u', name: '١٢' } }, 'bad request: target name is invalid'],
  ])('refuses %j with %s', (body, message) => {
    expect(() => readAuthRequest(body as Record<string, unknown>)).toThrow(message);
  });
});
