import { readHarnessTarget } from './read-harness-target';

const encode = (value: unknown, encoding: BufferEncoding = 'base64') => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(encoding);

describe('readHarnessTarget', () => {
  const target = { identifier: 'user1', name: 'Zoë', attributes: { plan: 'pro', '>?': 'ÿ~' } };

  it('decodes standard base64, with or without padding, and the URL-safe alphabet', () => {
    const padded = encode(target);
    expect(padded).toMatch(/[+/=]/);
    expect(readHarnessTarget(padded)).toEqual(target);
    expect(readHarnessTarget(padded.replace(/=+$/, ''))).toEqual(target);
    expect(readHarnessTarget(encode(target, 'base64url'))).toEqual(target);
  });

  it('defaults a missing name to the empty string and keeps every other field', () => {
    expect(readHarnessTarget(encode({ identifier: 'u', anonymous: true }))).toEqual({ identifier: 'u', name: '', anonymous: true });
  });

  it.each([
    ['not base64 at all', '!!!'],
    ['a lone trailing character', `${encode(target)}A`.replace(/=/g, '')],
    ['bad padding', 'eyJ=eyJ='],
    ['padding that does not complete the quantum', 'eyJpZCI6MX0='],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64')],
    ['not JSON', encode('hello')],
    ['a JSON array', encode([target])],
    ['JSON null', encode('null')],
    ['no identifier', encode({ name: 'x' })],
    ['an empty identifier', encode({ identifier: '' })],
    ['a numeric identifier', encode({ identifier: 7 })],
  ])('ignores %s', (_name, header) => {
    expect(readHarnessTarget(header)).toBeUndefined();
  });
});
