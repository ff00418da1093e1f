import { routeForPath } from './route-for-path';

describe('routeForPath (spec/sdk-api.md §1)', () => {
  it.each(['/stream', '/stream?cluster=1', '/stream?', '/stream?a=/client/auth'])('sends %s to sse-fanout', (url) => {
    expect(routeForPath(url)).toBe('sse-fanout');
  });

  it.each(['/', '/stream/', '/streams', '/stream/x', '//stream', '/Stream', '/client/auth', '/health?next=/stream', '/metrics'])(
    'sends %s to sdk-gateway',
    (url) => {
      expect(routeForPath(url)).toBe('sdk-gateway');
    },
  );
});
