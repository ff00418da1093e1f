import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Definition of a metric: name, help and label names. */
export interface MetricDefinition<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

function getOrCreate<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/**
 * Returns the counter `name` of `registry`, creating it on first use. Idempotent per registry, so
 * roles sharing the all-in-one registry record into the same series.
 */
export function counter<L extends string>(registry: Registry, def: MetricDefinition<L>): Counter<L> {
  return getOrCreate(registry, def.name, () => new Counter({ ...def, labelNames: def.labelNames ?? [], registers: [registry] }));
}

/** Like {@link counter}, for a gauge. */
export function gauge<L extends string>(registry: Registry, def: MetricDefinition<L>): Gauge<L> {
  return getOrCreate(registry, def.name, () => new Gauge({ ...def, labelNames: def.labelNames ?? [], registers: [registry] }));
}

/** Like {@link counter}, for a histogram with the given bucket bounds. */
export function histogram<L extends string>(
  registry: Registry,
  def: MetricDefinition<L> & { buckets: number[] },
): Histogram<L> {
  return getOrCreate(registry, def.name, () => new Histogram({ ...def, labelNames: def.labelNames ?? [], registers: [registry] }));
}
