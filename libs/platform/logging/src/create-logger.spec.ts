import { PassThrough } from 'node:stream';
import { ConfigError } from '@relay/errors';
import { createLogger } from './create-logger';
import { logStartupFailure } from './log-startup-failure';

function capture(level: 'debug' | 'info' = 'info') {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  const logger = createLogger({ service: 'sdk-gateway', instance: 'host:1:abcdef01', version: '2.0.0', level, stream });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the documented field names', async () => {
    const { logger, lines } = capture();
    logger.child({ component: 'http' }).info('request', { reqID: 'r1', took: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'info', msg: 'request', service: 'sdk-gateway', instance: 'host:1:abcdef01', version: '2.0.0',
      component: 'http', reqID: 'r1', took: 3,
    });
  });

  it('writes an error as its message with causes, and its stack only at debug level', async () => {
    const info = capture('info');
    const debug = capture('debug');
    const err = new Error('redis down', { cause: new Error('ECONNREFUSED') });
    info.logger.error('request failed', { err });
    debug.logger.error('request failed', { err });
    await new Promise((resolve) => setImmediate(resolve));
    expect(info.lines[0]).toMatchObject({ err: 'redis down: ECONNREFUSED' });
    expect(info.lines[0]).not.toHaveProperty('errStack');
    expect(debug.lines[0]?.['errStack']).toContain('redis down');
  });

  it('drops lines below the level', async () => {
    const { logger, lines } = capture('info');
    logger.debug('noise');
    logger.warn('kept');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => line['msg'])).toEqual(['kept']);
    expect(logger.isDebugEnabled()).toBe(false);
  });
});

describe('logStartupFailure', () => {
  it('names every configuration problem in one line', () => {
    const out: string[] = [];
    logStartupFailure('saas-sync', new ConfigError(['PORT: bad', 'PROXY_KEY: required']), (line) => out.push(line));
    expect(JSON.parse(out[0]!)).toMatchObject({ level: 'error', msg: 'invalid configuration', service: 'saas-sync', errors: ['PORT: bad', 'PROXY_KEY: required'] });
  });

  it('reports any other error as startup failed', () => {
    const out: string[] = [];
    logStartupFailure('saas-sync', new Error('boom'), (line) => out.push(line));
    expect(JSON.parse(out[0]!)).toMatchObject({ msg: 'startup failed', err: 'boom' });
  });
});
