import type { FeatureConfig, Segment } from './flag-types';
import { normalizeFeatureConfig, normalizeSegment } from './normalize';
import type { ProxyConfigPage, ProxyEnvironment } from './saas-types';

/** Result of {@link parseProxyConfigPage}: the page and what was skipped (each to be logged). */
export interface ParsedProxyConfigPage {
  page: ProxyConfigPage;
  /** One line per skipped environment or item, without secrets. */
  skipped: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const count = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;

/** Normalises every flag of a list, skipping (and reporting) items without an identifier. */
export function normalizeFeatureConfigs(items: unknown, skipped: string[], where: string): FeatureConfig[] {
  const flags: FeatureConfig[] = [];
  for (const item of arrayOf(items)) {
    const flag = normalizeFeatureConfig(item);
    if (flag) flags.push(flag);
    else skipped.push(`${where}: feature config without a feature identifier skipped`);
  }
  return flags;
}

/** Normalises every segment of a list, skipping (and reporting) items without an identifier. */
export function normalizeSegments(items: unknown, skipped: string[], where: string): Segment[] {
  const segments: Segment[] = [];
  for (const item of arrayOf(items)) {
    const segment = normalizeSegment(item);
    if (segment) segments.push(segment);
    else skipped.push(`${where}: segment without an identifier skipped`);
  }
  return segments;
}

/**
 * Validates and normalises one `/proxy/config` page (spec/saas-api.md §3, §9). Throws when the page is
 * not an object with an `environments` array (the sync fails, nothing is written); skips environments
 * without a non-empty `id`; treats missing or `null` `apiKeys`, `featureConfigs`, `segments` as `[]`.
 */
export function parseProxyConfigPage(value: unknown): ParsedProxyConfigPage {
  if (!isObject(value) || !Array.isArray(value['environments'])) {
    throw new Error('proxy config page is not an object with an environments array');
  }
  const skipped: string[] = [];
  const environments: ProxyEnvironment[] = [];
  value['environments'].forEach((env, index) => {
    if (!isObject(env) || typeof env['id'] !== 'string' || env['id'] === '') {
      skipped.push(`environment ${index} without an id skipped`);
      return;
    }
    const id = env['id'];
    environments.push({
      id,
      apiKeys: arrayOf(env['apiKeys']).filter((key): key is string => typeof key === 'string' && key !== ''),
      featureConfigs: normalizeFeatureConfigs(env['featureConfigs'], skipped, `environment ${id}`),
      segments: normalizeSegments(env['segments'], skipped, `environment ${id}`),
    });
  });
  return {
    page: {
      itemCount: count(value['itemCount'], environments.length),
      pageCount: count(value['pageCount'], 1),
      pageIndex: count(value['pageIndex'], 0),
      pageSize: count(value['pageSize'], environments.length),
      ...(typeof value['version'] === 'number' ? { version: value['version'] } : {}),
      environments,
    },
    skipped,
  };
}
