import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';
import { CHART_DIR, EXAMPLE_VALUES_DIR, SERVICES } from './deploy-paths';

/** A YAML/JSON mapping. */
export type Values = Record<string, unknown>;

function isMapping(value: unknown): value is Values {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Parses one YAML document; throws on a syntax error (YAML's own error names the line). `merge`: resolve `<<` keys (compose files). */
export function readYaml(path: string, options: { merge?: boolean } = {}): unknown {
  const document = YAML.parseDocument(readFileSync(path, 'utf8'), { merge: options.merge ?? false });
  if (document.errors.length > 0) throw new Error(`${path}: ${document.errors.map((e) => e.message).join('; ')}`);
  return document.toJSON();
}

/** Every document of a multi-document YAML text (rendered manifests). */
export function parseYamlDocuments(text: string): Values[] {
  return YAML.parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(document.errors.map((e) => e.message).join('; '));
      return document.toJSON() as unknown;
    })
    .filter(isMapping);
}

/** `override` merged over `base` the way Helm coalesces values: mappings deep, everything else replaced, null deletes. */
export function mergeValues(base: Values, override: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    if (value === null) delete merged[key];
    else if (isMapping(current) && isMapping(value)) merged[key] = mergeValues(current, value);
    else merged[key] = value;
  }
  return merged;
}

/**
 * The values Helm validates against the umbrella's values.schema.json: each subchart's values.yaml under
 * its name, the umbrella's values.yaml over them, then the user's files in order. (Helm also copies
 * `global` into each subchart section; the schema allows that key.)
 */
export function chartValues(...userFiles: string[]): Values {
  let values: Values = {};
  for (const service of SERVICES) {
    values[service] = readYaml(join(CHART_DIR, 'charts', service, 'values.yaml')) as Values;
  }
  values = mergeValues(values, readYaml(join(CHART_DIR, 'values.yaml')) as Values);
  for (const file of userFiles) values = mergeValues(values, (readYaml(file) ?? {}) as Values);
  return values;
}

/** The example values files shipped for operators. */
export function exampleValuesFiles(): string[] {
  return readdirSync(EXAMPLE_VALUES_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(EXAMPLE_VALUES_DIR, name));
}

/** The chart's values.schema.json. */
export function chartSchema(): Values {
  return JSON.parse(readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8')) as Values;
}

/** Validates values against values.schema.json (draft-07, as Helm does); returns the problems, empty when valid. */
export function schemaProblems(values: Values): string[] {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(chartSchema());
  if (validate(values)) return [];
  return (validate.errors ?? []).map((error) => `${error.dataPath || '/'} ${error.message ?? ''}`.trim());
}

/** Dotted paths of every leaf of `values` (`saas-sync.probes.startup.periodSeconds`); empty mappings are leaves. */
export function valuePaths(values: Values, prefix = ''): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return isMapping(value) && Object.keys(value).length > 0 ? valuePaths(value, path) : [path];
  });
}
