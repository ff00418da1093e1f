import { SERVICES } from './deploy-paths';
import { chartEnvNamesWithoutHelm, unread, variableNamesInTemplate } from './chart-env-names';
import { chartSchema, type Values } from './chart-values';
import { envNamesReadBy, readersCalledByMain, SERVICE_READERS } from './service-env-names';

describe.each([...SERVICES])('the variables the chart sets on %s', (service) => {
  it('are recorded from the readers its composition root calls', () => {
    expect(readersCalledByMain(service)).toEqual([...SERVICE_READERS[service]].sort());
  });

  it('are all read by the service (templates, global.config and its config in values.schema.json)', () => {
    const names = chartEnvNamesWithoutHelm(service);
    expect(names).toContain('REDIS_ADDRESS');
    expect(names).toContain('PORT');
    expect(unread(names, envNamesReadBy(service))).toEqual([]);
  });
});

describe('the recorded reads', () => {
  it('hold the V2 names of spec/configuration.md §3 per service', () => {
    expect([...envNamesReadBy('saas-sync')]).toEqual(
      expect.arrayContaining(['PROXY_KEY', 'REDIS_ADDRESS', 'CLIENT_SERVICE', 'LEADER_LEASE_TTL']),
    );
    expect([...envNamesReadBy('sdk-gateway')]).toEqual(
      expect.arrayContaining(['AUTH_SECRET', 'TLS_CERT', 'MAX_REQUEST_BODY_BYTES']),
    );
    expect(envNamesReadBy('sdk-gateway').has('PROXY_KEY')).toBe(false);
    expect(envNamesReadBy('sse-fanout').has('AND_RULES')).toBe(false);
    expect([...envNamesReadBy('metrics-forwarder')]).toEqual(
      expect.arrayContaining(['PROXY_KEY', 'METRIC_SERVICE', 'METRICS_SERVICE']),
    );
  });
});

describe('variableNamesInTemplate', () => {
  it('finds quoted names and env entries, not booleans, probe schemes or comments', () => {
    const template =
      '{{/* sets "PROXY_KEY" */}}{{- /* and "AUTH_SECRET" */ -}}{{ dict "PORT" 1 "REDIS_DB" 0 }}\n- name: TLS_KEY\n{{ ternary "HTTPS" "HTTP" .tls }} {{ list "1" "T" "TRUE" }}';
    expect([...variableNamesInTemplate(template)].sort()).toEqual(['PORT', 'REDIS_DB', 'TLS_KEY']);
  });
});

describe('global.config in values.schema.json', () => {
  it('accepts only variables every service reads', () => {
    const global = (chartSchema()['properties'] as Record<string, Values>)['global'] as Values;
    const config = (global['properties'] as Record<string, Values>)['config'] as Values;
    const names = Object.keys(config['properties'] as Values);
    expect(names).toContain('LOG_LEVEL');
    for (const service of SERVICES)
      expect({ service, unread: unread(names, envNamesReadBy(service)) }).toEqual({ service, unread: [] });
  });
});
