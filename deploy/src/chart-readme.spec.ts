import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DIR, SERVICES } from './deploy-paths';
import { chartSchema, chartValues, valuePaths, type Values } from './chart-values';

const README = readFileSync(join(CHART_DIR, 'README.md'), 'utf8');

/** How the README may name `path`: literally, or with `<service>` for a per-service value. */
function spellings(path: string): string[] {
  const service = SERVICES.find((name) => path.startsWith(`${name}.`));
  return service ? [path, `<service>${path.slice(service.length)}`] : [path];
}

describe('the chart README', () => {
  it('lists every value of the chart', () => {
    const paths = valuePaths(chartValues());
    expect(paths.length).toBeGreaterThan(80);
    const missing = paths.filter((path) => !spellings(path).some((spelling) => README.includes(`\`${spelling}\``)));
    expect(missing).toEqual([]);
  });

  it('lists every variable each service accepts under config', () => {
    const properties = chartSchema()['properties'] as Record<string, Values>;
    for (const section of ['global', ...SERVICES]) {
      const config = ((properties[section] as Values)['properties'] as Record<string, Values>)['config'] as Values;
      const missing = Object.keys(config['properties'] as Values).filter((name) => !README.includes(`\`${name}\``));
      expect({ section, missing }).toEqual({ section, missing: [] });
    }
  });
});
