import { Router } from 'express';
import request from 'supertest';
import { AuthenticationError } from '@relay/errors';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { createApp } from './create-app';
import { methodNotAllowed } from './method-not-allowed';
import { parseJsonObjectBody } from './read-body';

function setup(reasons: string[] = []) {
  const logger = createCapturingLogger();
  const registry = createMetricsRegistry({ service: 'test', version: '0' });
  const router = Router();
  router.get('/client/env/:environment_uuid/feature-configs/:identifier', (req, res) => {
    res.locals['envID'] = req.params['environment_uuid'];
    res.json({ env: req.params['environment_uuid'], id: req.params['identifier'], query: req.query });
  });
  router.post('/echo', (req, res) => res.json(parseJsonObjectBody(req)));
  router.all('/echo', methodNotAllowed(['POST']));
  router.get('/secret', () => {
    throw new AuthenticationError('invalid token');
  });
  router.get('/boom', () => {
    throw new Error('redis exploded');
  });
  const app = createApp({ logger, registry, routers: [router], readiness: () => reasons, bodyLimitBytes: 1024 });
  return { app, logger, registry };
}

describe('createApp', () => {
  it('answers liveness and readiness', async () => {
    await request(setup().app).get('/healthz').expect(200, { status: 'ok' });
    await request(setup().app).get('/readyz').expect(200, { status: 'ready' });
    await request(setup(['never synced', 'redis unavailable']).app)
      .get('/readyz')
      .expect(503, { status: 'not ready', reasons: ['never synced', 'redis unavailable'] });
  });

  it('answers any OPTIONS with the preflight headers before routing', async () => {
    const res = await request(setup().app).options('/anything/at/all').expect(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,OPTIONS,POST',
      'access-control-allow-headers': '*, Authorization',
      'access-control-max-age': '86400',
      vary: 'Origin, Access-Control-Request-Headers',
    });
  });

  it('echoes or generates the request id and allows any origin, errors included', async () => {
    const given = await request(setup().app).get('/nope').set('X-Request-Id', 'abc').expect(404, { error: 'not found' });
    expect(given.headers['x-request-id']).toBe('abc');
    expect(given.headers['access-control-allow-origin']).toBe('*');
    const generated = await request(setup().app).get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('decodes path parameters and leaves a malformed escape raw', async () => {
    const { app } = setup();
    const ok = await request(app).get('/client/env/e%201/feature-configs/a%2Fb?cluster=1;x=2').expect(200);
    expect(ok.body).toEqual({ env: 'e 1', id: 'a/b', query: { cluster: '1', x: '2' } });
    const raw = await request(app).get('/client/env/e1/feature-configs/bad%ZZ%20').expect(200);
    expect(raw.body.id).toBe('bad%ZZ%20');
  });

  it('maps typed errors to their status and hides unknown ones behind a logged 500', async () => {
    const { app, logger } = setup();
    await request(app).get('/secret').expect(401, { error: 'invalid token' });
    await request(app).get('/boom').set('X-Request-Id', 'r-1').expect(500, { error: 'internal error' });
    expect(logger.find('request failed')).toEqual([expect.objectContaining({ reqID: 'r-1', err: expect.any(Error) })]);
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const res = await request(setup().app).get('/echo').expect(405, { error: 'method not allowed' });
    expect(res.headers['allow']).toBe('POST');
  });

  it.each([
    ['', 'bad request: request body cannot be empty'],
    ['  \n', 'bad request: request body cannot be empty'],
    ['{"a":', 'bad request: request body is not valid JSON'],
    ['[1]', 'bad request: request body must be a JSON object'],
    ['null', 'bad request: request body must be a JSON object'],
  ])('refuses the body %j with 400', async (body, message) => {
    await request(setup().app).post('/echo').set('Content-Type', 'text/plain').send(body).expect(400, { error: message });
  });

  it('parses JSON whatever the content type and refuses oversized bodies with 413', async () => {
    const { app } = setup();
    await request(app).post('/echo').set('Content-Type', 'text/plain').send('{"a":1}').expect(200, { a: 1 });
    await request(app).post('/echo').send(`{"a":"${'x'.repeat(2000)}"}`).expect(413, { error: 'request body too large' });
  });

  it('serves JSON with the documented content type and no ETag', async () => {
    const res = await request(setup().app).get('/client/env/e/feature-configs/f').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['etag']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('counts requests by route template with the checked environment, but not probes', async () => {
    const { app, registry } = setup();
    await request(app).get('/client/env/e1/feature-configs/f').expect(200);
    await request(app).get('/nope').expect(404);
    await request(app).get('/healthz').expect(200);
    await request(app).post('/echo').send('{"a":1}').expect(200);
    const text = await (await request(app).get('/metrics').expect(200)).text;
    expect(text).toContain('ff_proxy_http_requests_total{code="200",envID="e1",method="GET",url="/client/env/:environment_uuid/feature-configs/:identifier"} 1');
    expect(text).toContain('ff_proxy_http_requests_total{code="404",envID="",method="GET",url="unmatched"} 1');
    expect(text).toContain('ff_http_requests_content_length_histogram_count{envID="",url="/echo"} 1');
    expect(text).not.toContain('url="/healthz"');
    expect(await registry.metrics()).toContain('ff_proxy_http_requests_duration_bucket');
  });
});
