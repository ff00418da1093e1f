import type { RecordedRequest, SaasEmulator } from '@relay/saas-emulator';

interface PostedItem {
  count: number;
  attributes: { key: string; value: string }[];
}

/** Metrics POSTs the emulator answered 200, oldest first. */
export async function metricsPosts(emulator: SaasEmulator): Promise<RecordedRequest[]> {
  return emulator.admin.requests({ pathPrefix: '/api/1.0/metrics/', method: 'POST' });
}

const envOf = (request: RecordedRequest) => decodeURIComponent(request.path.split('/').pop() ?? '');

/**
 * Counts posted per `env|feature|variation|SDK_LANGUAGE|SDK_VERSION`, summed over every `metricsData`
 * POST whose request the emulator recorded (pass `accepted` to skip the ones it answered with a fault).
 */
export function countsByKey(requests: readonly RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const items = (request.body as { metricsData?: PostedItem[] }).metricsData ?? [];
    for (const item of items) {
      const value = (key: string) => item.attributes.find((attribute) => attribute.key === key)?.value ?? '';
      const key = [
        envOf(request),
        value('featureIdentifier'),
        value('variationIdentifier'),
        value('SDK_LANGUAGE'),
        value('SDK_VERSION'),
      ].join('|');
      counts.set(key, (counts.get(key) ?? 0) + item.count);
    }
  }
  return counts;
}

/** Target identifiers posted per environment. */
export function targetsByEnv(requests: readonly RecordedRequest[]): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const request of requests) {
    const items = (request.body as { targetData?: { identifier: string }[] }).targetData ?? [];
    if (items.length > 0)
      targets.set(envOf(request), [...(targets.get(envOf(request)) ?? []), ...items.map((t) => t.identifier)]);
  }
  return targets;
}
