import { StoreError } from '@relay/store';
import { ReplyError } from 'ioredis';
import { toStoreError } from './to-store-error';

describe('toStoreError', () => {
  it.each([
    ['WRONGTYPE Operation against a key holding the wrong kind of value', 'WRONG_TYPE'],
    ['WRONGTYPE Operation against a key holding the wrong kind of value script: 1d2e, on @user_script:1.', 'WRONG_TYPE'],
    ['BUSYGROUP Consumer Group name already exists', 'BUSYGROUP'],
    ["NOGROUP No such key 'stream:sdk_metrics' or consumer group 'metrics-forwarder'", 'NO_SUCH_KEY'],
    ['ERR no such key', 'NO_SUCH_KEY'],
    ['ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use MKSTREAM', 'NO_SUCH_KEY'],
    ['ERR value is not an integer or out of range', 'NOT_INTEGER'],
    ['LOADING Redis is loading the dataset in memory', 'UNAVAILABLE'],
    ['CLUSTERDOWN The cluster is down', 'UNAVAILABLE'],
    ["ERR invalid expire time in 'set' command", 'OTHER'],
  ])('maps the reply %j to %s', (message, code) => {
    const error = toStoreError(new ReplyError(message));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code, message, dependency: 'redis', retryable: code === 'UNAVAILABLE' });
    expect(error.cause).toBeInstanceOf(ReplyError);
  });

  it('treats every failure that is not a reply as UNAVAILABLE', () => {
    expect(toStoreError(new Error('Connection is closed.'))).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(toStoreError(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({ code: 'UNAVAILABLE' });
    expect(toStoreError('boom')).toMatchObject({ code: 'UNAVAILABLE', message: 'boom' });
  });

  it('passes store errors through', () => {
    const error = new StoreError('NO_SUCH_KEY', 'x');
    expect(toStoreError(error)).toBe(error);
  });
});
