import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DIR, type Service } from './deploy-paths';
import { chartSchema, type Values } from './chart-values';

/** Quoted upper-case words in templates that are not variable names (Go boolean spellings, probe schemes). */
const NOT_VARIABLES = new Set(['T', 'F', 'TRUE', 'FALSE', 'HTTP', 'HTTPS', 'TCP', 'ALL']);

/** Variable names a template sets: quoted `"NAME"` strings and `- name: NAME` entries, outside template comments. */
export function variableNamesInTemplate(template: string): Set<string> {
  const text = template.replace(/\{\{-?\s*\/\*[\s\S]*?\*\/\s*-?\}\}/g, '');
  const quoted = [...text.matchAll(/"([A-Z][A-Z0-9_]*)"/g)].map((match) => match[1] as string);
  const entries = [...text.matchAll(/-\s+name:\s+([A-Z][A-Z0-9_]*)\s*$/gm)].map((match) => match[1] as string);
  return new Set([...quoted, ...entries].filter((name) => !NOT_VARIABLES.has(name)));
}

function namesInTemplates(dir: string): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => /\.(ya?ml|tpl)$/.test(name))) {
    for (const name of variableNamesInTemplate(readFileSync(join(dir, file), 'utf8'))) names.add(name);
  }
  return names;
}

function configPropertyNames(schema: Values | undefined): string[] {
  const config = (schema?.['properties'] as Record<string, Values> | undefined)?.['config'];
  return Object.keys((config?.['properties'] as Values | undefined) ?? {});
}

/**
 * Every variable the chart can set on `service`, found without Helm: the names written in the library
 * chart's templates (shared by every service), in the service chart's own templates, and the
 * variables values.schema.json accepts under `global.config` and `<service>.config`.
 */
export function chartEnvNamesWithoutHelm(service: Service): Set<string> {
  const properties = chartSchema()['properties'] as Record<string, Values>;
  return new Set([
    ...namesInTemplates(join(CHART_DIR, 'charts/relay-lib/templates')),
    ...namesInTemplates(join(CHART_DIR, 'charts', service, 'templates')),
    ...configPropertyNames(properties['global']),
    ...configPropertyNames(properties[service]),
  ]);
}

function metadataOf(manifest: Values): Values {
  return (manifest['metadata'] ?? {}) as Values;
}

/** The variables each rendered Deployment gets (its containers' env and the keys of its envFrom ConfigMaps), by service. */
export function renderedEnvNames(manifests: readonly Values[]): Map<string, Set<string>> {
  const configMaps = new Map(
    manifests
      .filter((m) => m['kind'] === 'ConfigMap')
      .map((m) => [metadataOf(m)['name'] as string, (m['data'] ?? {}) as Values]),
  );
  const byService = new Map<string, Set<string>>();
  for (const deployment of manifests.filter((m) => m['kind'] === 'Deployment')) {
    const service = (metadataOf(deployment)['labels'] as Values)['app.kubernetes.io/name'] as string;
    const pod = ((deployment['spec'] as Values)['template'] as Values)['spec'] as Values;
    const names = new Set<string>();
    for (const container of pod['containers'] as Values[]) {
      for (const entry of (container['env'] ?? []) as Values[]) names.add(entry['name'] as string);
      for (const source of (container['envFrom'] ?? []) as Values[]) {
        const ref = source['configMapRef'] as Values | undefined;
        const data = ref ? configMaps.get(ref['name'] as string) : undefined;
        if (ref && !data)
          throw new Error(`${service}: envFrom names a ConfigMap the chart does not render: ${String(ref['name'])}`);
        for (const name of Object.keys(data ?? {})) names.add(name);
      }
    }
    byService.set(service, names);
  }
  return byService;
}

/** Names of `names` that `read` lacks, sorted. */
export function unread(names: Iterable<string>, read: ReadonlySet<string>): string[] {
  return [...names].filter((name) => !read.has(name)).sort();
}
