// Container HEALTHCHECK of deploy/docker/service.Dockerfile: GET /healthz on this container's own
// port, exit 0 on 200 and 1 otherwise. Written for node because the slim base image has no curl.
// It follows the variables the service itself reads: PORT (default 8000) and TLS_ENABLED (then
// HTTPS with the service's own, possibly self-signed, certificate). Liveness only: /readyz would mark
// a container unhealthy while Redis is down, which is a routing concern (spec/sdk-api.md §9.2).
'use strict';

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const port = Number(process.env.PORT || 8000);
const secure = TRUE.has(process.env.TLS_ENABLED || '');
const client = secure ? require('node:https') : require('node:http');

const request = client.get(
  { host: '127.0.0.1', port, path: '/healthz', timeout: 4000, rejectUnauthorized: false },
  (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', (error) => {
  process.stderr.write(`healthcheck: ${error.message}\n`);
  process.exit(1);
});
