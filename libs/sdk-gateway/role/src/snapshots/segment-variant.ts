/**
 * Which segment rule property a response keeps (spec/sdk-api.md §6.3): `servingRules` when
 * `AND_RULES=true` and the request asked for `rules=v2` (the legacy `rules` are removed), else
 * `rules` (the `servingRules` are removed). Both are stored (spec/redis-contract.md §3.5).
 */
export type SegmentVariant = 'rules' | 'servingRules';

/** The variant for a request: `andRules` is env `AND_RULES`, `rulesQuery` the `rules` query parameter. */
export function segmentVariantOf(andRules: boolean, rulesQuery: unknown): SegmentVariant {
  return andRules && rulesQuery === 'v2' ? 'servingRules' : 'rules';
}

/**
 * The segment without the property the variant drops: absent from the JSON, not `null`, the other
 * properties in their stored order. Anything that is not an object is returned unchanged.
 */
export function stripSegment(segment: unknown, variant: SegmentVariant): unknown {
  if (segment === null || typeof segment !== 'object' || Array.isArray(segment)) return segment;
  const removed = variant === 'rules' ? 'servingRules' : 'rules';
  if (!Object.prototype.hasOwnProperty.call(segment, removed)) return segment;
  const { [removed]: _removed, ...kept } = segment as Record<string, unknown>;
  return kept;
}

/** The JSON text of a segment list for a variant. */
export function segmentsBodyOf(segments: readonly unknown[], variant: SegmentVariant): string {
  return JSON.stringify(segments.map((segment) => stripSegment(segment, variant)));
}
