/**
 * Schemas of spec/saas-api.md §8, as SaaS sends them. Optional fields may also be `null` on the wire;
 * the evaluator tolerates anything (spec/evaluation.md §1), and saas-sync normalises before storing.
 */

/** A flag variation; `value` is always a string, whatever the flag kind. */
export interface Variation {
  identifier: string;
  value: string;
  name?: string;
  description?: string | null;
}

/** One weighted variation of a percentage rollout. */
export interface WeightedVariation {
  variation: string;
  /** Percent. */
  weight: number;
}

/** A percentage rollout. */
export interface Distribution {
  bucketBy: string;
  variations: WeightedVariation[];
}

/** What a rule (or the default) serves: a fixed variation or a rollout. */
export interface Serve {
  distribution?: Distribution | null;
  variation?: string | null;
}

/** One condition of a rule. */
export interface Clause {
  id?: string;
  attribute: string;
  op: string;
  values: string[];
  /** Ignored by every evaluator (spec/evaluation.md §7). */
  negate?: boolean;
}

/** A flag targeting rule; lower `priority` is evaluated first. */
export interface ServingRule {
  ruleId?: string;
  priority: number;
  clauses: Clause[] | null;
  serve: Serve;
}

/** A prerequisite: `feature` must serve one of `variations`. */
export interface Prerequisite {
  feature: string;
  variations: string[];
}

/** A target named in individual targeting. */
export interface TargetMap {
  identifier: string;
  name: string;
}

/** Individual targeting: these targets and segments get `variation`. */
export interface VariationMap {
  variation: string;
  targets?: TargetMap[] | null;
  targetSegments?: string[] | null;
}

/** Flag kinds SaaS sends; others are evaluated the same way. */
export type FlagKind = 'boolean' | 'int' | 'string' | 'json';

/** A flag's full configuration (FeatureConfig). Unknown fields are kept as received. */
export interface FeatureConfig {
  project: string;
  /** The environment identifier (e.g. `dev`), not the UUID. */
  environment: string;
  feature: string;
  state: 'on' | 'off' | string;
  kind: FlagKind | string;
  variations: Variation[];
  rules?: ServingRule[] | null;
  defaultServe: Serve;
  offVariation: string;
  prerequisites?: Prerequisite[] | null;
  variationToTargetMap?: VariationMap[] | null;
  version?: number;
  [unknownField: string]: unknown;
}

/** A tag on a segment. */
export interface Tag {
  identifier: string;
  name: string;
}

/** A target as SaaS stores it (segment `included`/`excluded`). */
export interface Target {
  identifier: string;
  name: string;
  account?: string;
  org?: string;
  environment?: string;
  project?: string;
  anonymous?: boolean;
  attributes?: Record<string, unknown> | null;
  createdAt?: number;
  segments?: Segment[];
  [unknownField: string]: unknown;
}

/** A segment serving rule: its clauses are ANDed. */
export interface GroupServingRule {
  ruleId: string;
  priority: number;
  clauses: Clause[] | null;
}

/** A target group (Segment). */
export interface Segment {
  identifier: string;
  name: string;
  environment?: string;
  tags?: Tag[] | null;
  included?: Target[] | null;
  excluded?: Target[] | null;
  /** Legacy rules, ORed. */
  rules?: Clause[] | null;
  /** AND rules (only with `rules=v2`). */
  servingRules?: GroupServingRule[] | null;
  createdAt?: number;
  modifiedAt?: number;
  version?: number;
  [unknownField: string]: unknown;
}

/** The target a client SDK is evaluated for. */
export interface EvaluationTarget {
  identifier: string;
  name: string;
  anonymous?: boolean;
  attributes?: Record<string, unknown> | null;
}

/** One evaluation as returned to client SDKs; `value` is the raw variation string. */
export interface Evaluation {
  flag: string;
  identifier: string;
  kind: string;
  value: string;
}
