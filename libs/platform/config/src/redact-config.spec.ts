import { redactConfig } from './redact-config';

describe('redactConfig', () => {
  it('masks the proxy key and hides secrets at any depth', () => {
    expect(
      redactConfig({ proxyKey: 'd8ba3e2f-3993', authSecrets: ['a', 'b'], redis: { password: 'pw', db: 0 }, port: 1 }),
    ).toEqual({ proxyKey: 'd8ba***', authSecrets: '***', redis: { password: '***', db: 0 }, port: 1 });
  });
});
