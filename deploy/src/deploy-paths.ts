import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '../..');
/** `deploy/`. */
export const DEPLOY_ROOT = join(REPO_ROOT, 'deploy');
/** The umbrella chart. */
export const CHART_DIR = join(DEPLOY_ROOT, 'helm/relay-proxy');
/** Operator examples. */
export const EXAMPLES_DIR = join(DEPLOY_ROOT, 'examples');
/** The example values files of the chart (each must pass values.schema.json). */
export const EXAMPLE_VALUES_DIR = join(EXAMPLES_DIR, 'helm');

/** The separately deployed services: one image, one subchart each (spec/configuration.md §3). */
export const SERVICES = ['saas-sync', 'sdk-gateway', 'sse-fanout', 'metrics-forwarder'] as const;
/** One of {@link SERVICES}. */
export type Service = (typeof SERVICES)[number];

/** Every app that has an image: the four services and the all-in-one process. */
export const IMAGE_APPS = [...SERVICES, 'relay-proxy'] as const;

/** The apps whose composition root exists (the all-in-one may not be written yet). */
export function appsWithMain(): string[] {
  return IMAGE_APPS.filter((app) => existsSync(join(REPO_ROOT, 'apps', app, 'src/main.ts')));
}
