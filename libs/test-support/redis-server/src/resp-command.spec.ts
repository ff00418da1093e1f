import { decode, encode, parseAddress, sendCommand } from './resp-command';

describe('the RESP codec of the test servers', () => {
  it('encodes a command as an array of bulk strings', () => {
    expect(encode(['SET', 'k', 'Zoë'])).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nZoë\r\n');
  });

  it('decodes every reply type and waits for complete replies', () => {
    const reply = Buffer.from('*4\r\n+OK\r\n:42\r\n$3\r\nabc\r\n$-1\r\n');
    expect(decode(reply, 0)).toEqual({ value: ['OK', 42, 'abc', null], next: reply.length });
    expect(decode(reply.subarray(0, reply.length - 3), 0)).toBeUndefined();
    expect(decode(Buffer.from('-ERR wrong\r\n'), 0)?.value).toEqual(new Error('ERR wrong'));
  });

  it('splits host:port, IPv6 in brackets', () => {
    expect(parseAddress('127.0.0.1:6380')).toEqual({ host: '127.0.0.1', port: 6380 });
    expect(parseAddress('[::1]:7000')).toEqual({ host: '::1', port: 7000 });
    expect(() => parseAddress('nohost')).toThrow('not host:port');
  });

  it('never talks to the Redis on port 6379', async () => {
    await expect(sendCommand('127.0.0.1:6379', ['FLUSHALL'])).rejects.toThrow('6379');
  });
});
