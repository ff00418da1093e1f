import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DIR, SERVICES } from './deploy-paths';
import { chartFiles, undefinedIncludes } from './chart-files';
import { chartValues, readYaml, type Values } from './chart-values';
import { nginxBytes } from './nginx-size';

const chartYaml = (dir: string) => readYaml(join(dir, 'Chart.yaml')) as Values;
const dependenciesOf = (dir: string) => (chartYaml(dir)['dependencies'] ?? []) as Values[];

describe('the chart files (checked without Helm)', () => {
  it('are well-formed YAML and JSON outside templates/', () => {
    const plain = chartFiles().filter((file) => /\.(ya?ml)$/.test(file) && !/(^|\/)templates\//.test(file));
    expect(plain).toEqual(expect.arrayContaining(['Chart.yaml', 'values.yaml', 'charts/saas-sync/values.yaml']));
    for (const file of plain) expect(() => readYaml(join(CHART_DIR, file))).not.toThrow();
  });

  it('declare every dependency in charts/ with its version, the library shared by symbolic link', () => {
    const umbrella = dependenciesOf(CHART_DIR).map((d) => d['name']);
    expect(umbrella).toEqual(['relay-lib', ...SERVICES]);
    const library = join(CHART_DIR, 'charts/relay-lib');
    expect(chartYaml(library)['type']).toBe('library');
    for (const dependency of dependenciesOf(CHART_DIR)) {
      expect(chartYaml(join(CHART_DIR, 'charts', dependency['name'] as string))['version']).toBe(dependency['version']);
    }
    for (const service of SERVICES) {
      const dir = join(CHART_DIR, 'charts', service);
      expect(dependenciesOf(dir)).toEqual([{ name: 'relay-lib', version: chartYaml(library)['version'] }]);
      expect(realpathSync(join(dir, 'charts/relay-lib'))).toBe(realpathSync(library));
      expect(dependenciesOf(CHART_DIR).find((d) => d['name'] === service)?.['condition']).toBe(`${service}.enabled`);
    }
  });

  it('define every template they include', () => {
    expect(undefinedIncludes()).toEqual([]);
  });

  it('default the ingress body limit above the gateway’s 4 MiB and the stream read timeout to at least 60 s', () => {
    const nginx = (chartValues()['ingress'] as Values)['nginx'] as Values;
    expect(nginxBytes(nginx['proxyBodySize'] as string)).toBeGreaterThan(4_194_304);
    expect(nginx['streamReadTimeoutSeconds']).toBeGreaterThanOrEqual(60);
    const [, size] = (nginx['largeClientHeaderBuffers'] as string).split(' ');
    // "Harness-Target: " plus up to 262 143 bytes of base64 must fit in one buffer (spec/sdk-api.md §2).
    expect(nginxBytes(size as string)).toBeGreaterThan(262_143 + 'Harness-Target: '.length + 2);
  });

  it('run saas-sync with two replicas and autoscale sdk-gateway and sse-fanout', () => {
    const values = chartValues();
    expect((values['saas-sync'] as Values)['replicaCount']).toBe(2);
    for (const service of ['sdk-gateway', 'sse-fanout'])
      expect(((values[service] as Values)['autoscaling'] as Values)['enabled']).toBe(true);
    for (const service of SERVICES) expect(((values[service] as Values)['pdb'] as Values)['enabled']).toBe(true);
  });
});
