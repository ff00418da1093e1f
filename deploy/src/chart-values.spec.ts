import { basename } from 'node:path';
import { SERVICES, type Service } from './deploy-paths';
import { chartSchema, chartValues, exampleValuesFiles, mergeValues, schemaProblems, type Values } from './chart-values';
import { configProblems, minimalEnv } from './service-env-names';

interface IntegerProperty {
  name: string;
  minimum: number;
  maximum: number;
}

/** The integer variables the schema accepts under `<service>.config`, with their bounds. */
function integerConfigProperties(service: Service): IntegerProperty[] {
  const serviceSchema = (chartSchema()['properties'] as Record<string, Values>)[service] as Values;
  const config = (serviceSchema['properties'] as Record<string, Values>)['config'] as Values;
  return Object.entries(config['properties'] as Record<string, Values>)
    .filter(([, schema]) => schema['type'] === 'integer')
    .map(([name, schema]) => ({ name, minimum: schema['minimum'] as number, maximum: schema['maximum'] as number }));
}

const withConfig = (service: Service, name: string, value: unknown): Values =>
  mergeValues(chartValues(), { [service]: { config: { [name]: value } } });

describe('values.schema.json', () => {
  it('accepts the chart defaults (values.yaml over the subcharts’ values.yaml)', () => {
    expect(schemaProblems(chartValues())).toEqual([]);
  });

  it('ships example values for Redis standalone and Redis Cluster', () => {
    const names = exampleValuesFiles().map((file) => basename(file));
    expect(names).toEqual(expect.arrayContaining(['values-redis-standalone.yaml', 'values-redis-cluster.yaml']));
    const cluster = chartValues(...exampleValuesFiles().filter((file) => file.endsWith('values-redis-cluster.yaml')));
    expect(((cluster['global'] as Values)['redis'] as Values)['addresses']).toHaveLength(3);
  });

  it.each(exampleValuesFiles().map((file) => [basename(file), file]))('accepts the example %s', (_name, file) => {
    expect(schemaProblems(chartValues(file))).toEqual([]);
  });

  const invalid: [string, Values, string][] = [
    ['an unknown top-level key', { replicas: 3 }, 'additional properties'],
    ['a misspelt variable', { 'saas-sync': { config: { SAAS_POLL_INTERVALL: 60 } } }, 'additional properties'],
    ['a secret in a ConfigMap variable', { 'saas-sync': { config: { PROXY_KEY: 'key' } } }, 'additional properties'],
    ['a variable of another service', { 'sse-fanout': { config: { AND_RULES: true } } }, 'additional properties'],
    ['an out-of-range heartbeat', { 'sse-fanout': { config: { SSE_KEEPALIVE_INTERVAL: 20 } } }, 'should be <= 15'],
    ['a boolean spelt as a word', { 'sdk-gateway': { config: { AND_RULES: 'yes' } } }, 'should be boolean'],
    ['an unknown log level', { global: { config: { LOG_LEVEL: 'verbose' } } }, 'allowed values'],
    ['a replica count that is not a number', { 'saas-sync': { replicaCount: 'two' } }, 'should be integer'],
    [
      'a Redis address with a scheme',
      { global: { redis: { addresses: ['redis://redis:6379'] } } },
      'should match pattern',
    ],
    [
      'a non-zero DB with Redis Cluster',
      { global: { redis: { addresses: ['r-0:6379', 'r-1:6379'], db: 3 } } },
      'equal to constant',
    ],
    [
      'the refused AUTH_SECRET `secret`',
      { global: { authSecret: { value: 'new-secret-0123456789abcdef0123456,secret' } } },
      'should NOT be valid',
    ],
    ['a stream read timeout under 60 s', { ingress: { nginx: { streamReadTimeoutSeconds: 30 } } }, 'should be >= 60'],
    [
      'autoscaling on saas-sync (leader lease)',
      { 'saas-sync': { autoscaling: { enabled: true } } },
      'additional properties',
    ],
    [
      'a shutdown budget beyond SHUTDOWN_TIMEOUT’s range',
      { 'metrics-forwarder': { shutdownTimeoutSeconds: 301 } },
      'should be <= 300',
    ],
  ];
  it.each(invalid)('rejects %s', (_name, override, message) => {
    const problems = schemaProblems(mergeValues(chartValues(), override));
    expect(problems.join('\n')).toContain(message);
  });
});

describe.each([...SERVICES])('the integer variables of %s in values.schema.json', (service) => {
  const properties = integerConfigProperties(service);

  it('exist', () => {
    expect(properties.length).toBeGreaterThan(0);
  });

  it('have exactly the bounds the service enforces', () => {
    for (const { name, minimum, maximum } of properties) {
      const starts = (value: number) =>
        configProblems(service, { ...minimalEnv(), [name]: String(value) }).length === 0;
      const accepted = (value: number) => schemaProblems(withConfig(service, name, value)).length === 0;
      const samples = [minimum - 1, minimum, maximum, maximum + 1].filter((value) => value >= 0);
      expect({ name, schema: samples.map(accepted) }).toEqual({ name, schema: samples.map(starts) });
    }
  });
});
