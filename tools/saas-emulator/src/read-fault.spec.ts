import { readFault } from './read-fault';

describe('readFault', () => {
  it('keeps the given fields', () => {
    expect(
      readFault({ target: 'proxy-config', mode: 'status', status: 429, retryAfterSeconds: 2, count: 3, ignored: 1 }),
    ).toEqual({
      target: 'proxy-config',
      mode: 'status',
      status: 429,
      retryAfterSeconds: 2,
      count: 3,
    });
    expect(readFault({ target: 'stream', mode: 'delay', delayMs: 0 })).toEqual({
      target: 'stream',
      mode: 'delay',
      delayMs: 0,
    });
  });

  it.each([
    [null, /object/],
    [{ target: 'config', mode: 'status' }, /target must be one of/],
    [{ target: 'stream', mode: 'explode' }, /mode must be one of/],
    [{ target: 'proxy-auth', mode: 'stale' }, /stale applies to list reads/],
    [{ target: 'metrics', mode: 'status', status: 99 }, /status/],
    [{ target: 'metrics', mode: 'delay', delayMs: 1.5 }, /delayMs/],
    [{ target: 'metrics', mode: 'drop', count: 0 }, /count/],
  ])('rejects %j', (body, message) => {
    expect(() => readFault(body)).toThrow(message);
  });
});
