import { ConfigError } from '@relay/errors';
import { createEnvReader, type Env } from './env-reader';
import { readRedisOptions } from './redis-options';

function read(env: Env, required = true) {
  const reader = createEnvReader(env);
  const options = readRedisOptions(reader, { required });
  reader.finish();
  return options;
}

function problems(env: Env): readonly string[] {
  try {
    read(env);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  throw new Error('expected a configuration error');
}

describe('readRedisOptions', () => {
  it('parses host:port with the default port', () => {
    expect(read({ REDIS_ADDRESS: 'localhost' })).toEqual({ nodes: [{ host: 'localhost', port: 6379 }], tls: false, username: undefined, password: undefined, db: 0 });
    expect(read({ REDIS_ADDRESS: 'redis:6380' })?.nodes).toEqual([{ host: 'redis', port: 6380 }]);
  });

  it('parses a rediss URL with credentials and a database', () => {
    expect(read({ REDIS_ADDRESS: 'rediss://default:s3cret@redis.example.com:6380/2' })).toEqual({
      nodes: [{ host: 'redis.example.com', port: 6380 }], tls: true, username: 'default', password: 's3cret', db: 2,
    });
  });

  it('lets REDIS_USERNAME and REDIS_PASSWORD override the URL, and the URL database win over REDIS_DB', () => {
    const options = read({ REDIS_ADDRESS: 'redis://u:p@h:1/3', REDIS_USERNAME: 'acl', REDIS_PASSWORD: 'pw', REDIS_DB: '5' });
    expect(options).toMatchObject({ username: 'acl', password: 'pw', db: 3 });
    expect(read({ REDIS_ADDRESS: 'h:1', REDIS_DB: '5' })?.db).toBe(5);
  });

  it('reads a comma list as Cluster seed nodes, including bracketed IPv6', () => {
    expect(read({ REDIS_ADDRESS: 'redis-0:6379, redis-1:6379,[fd00::1]:7000' })?.nodes).toEqual([
      { host: 'redis-0', port: 6379 }, { host: 'redis-1', port: 6379 }, { host: 'fd00::1', port: 7000 },
    ]);
  });

  it('is optional unless required', () => {
    expect(read({}, false)).toBeUndefined();
    expect(problems({})).toEqual(['REDIS_ADDRESS: required']);
  });

  it.each([
    ['host:notaport', "REDIS_ADDRESS: 'host:notaport' is not host:port"],
    ['::bad', "REDIS_ADDRESS: '::bad' is not host:port"],
    ['h:70000', "REDIS_ADDRESS: 'h:70000' has an invalid port"],
  ])('rejects %s', (address, message) => {
    expect(problems({ REDIS_ADDRESS: address })).toEqual([message]);
  });

  it('refuses a non-zero database with Cluster', () => {
    expect(problems({ REDIS_ADDRESS: 'a:1,b:2', REDIS_DB: '1' })).toEqual(['REDIS_DB: must be 0 with Redis Cluster (got 1)']);
  });
});
