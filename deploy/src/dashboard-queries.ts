import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR } from './deploy-paths';

/** The example Grafana dashboard. */
export const DASHBOARD_PATH = join(EXAMPLES_DIR, 'grafana/relay-proxy-dashboard.json');

/** One dashboard panel with a query. */
export interface PanelQueries {
  title: string;
  expressions: string[];
}

interface Panel {
  title?: string;
  type?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every panel that has queries (rows flattened), with its PromQL expressions. */
export function dashboardPanels(path = DASHBOARD_PATH): PanelQueries[] {
  const dashboard = JSON.parse(readFileSync(path, 'utf8')) as { panels?: Panel[] };
  const flatten = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...flatten(panel.panels ?? [])]);
  return flatten(dashboard.panels ?? [])
    .filter((panel) => panel.type !== 'row')
    .map((panel) => ({
      title: panel.title ?? '',
      expressions: (panel.targets ?? []).map((target) => target.expr ?? ''),
    }));
}

/** Metric names a PromQL expression mentions (the product's `ff_…` families and the Node.js runtime ones). */
export function metricNamesIn(expression: string): string[] {
  return [
    ...new Set([...expression.matchAll(/\b((?:ff|process|nodejs)_[a-z0-9_]+)\b/g)].map((match) => match[1] as string)),
  ];
}

/** A registry's metric: its name and prom-client type. */
export interface ExportedMetric {
  name: string;
  type: string;
}

/**
 * Whether `name` is a series of an exported metric: the metric itself, or the `_bucket`, `_sum` or
 * `_count` series of a histogram or summary (a counter may itself end in `_count`).
 */
export function isExported(name: string, metrics: readonly ExportedMetric[]): boolean {
  if (metrics.some((metric) => metric.name === name)) return true;
  const match = /^(.+)_(bucket|sum|count)$/.exec(name);
  const base = match ? metrics.find((metric) => metric.name === match[1]) : undefined;
  return (
    base !== undefined &&
    (base.type === 'histogram' || base.type === 'summary') &&
    (match?.[2] !== 'bucket' || base.type === 'histogram')
  );
}
