/** One timed measurement: how many operations ran in how long. */
export interface Measurement {
  operations: number;
  elapsedMs: number;
  /** Mean cost of one operation, in microseconds. */
  microsPerOperation: number;
  /** Operations per second. */
  operationsPerSecond: number;
}

/** Options of {@link measureRate}. */
export interface MeasureOptions {
  /** Untimed passes first, so the JIT has compiled the hot path. Default 2. */
  warmupPasses?: number;
  /** Timed passes are repeated until this much time has passed, in ms. Default 2000. */
  minDurationMs?: number;
}

/**
 * Times `pass` (which performs `operationsPerPass` operations, synchronously or not) after a warm-up,
 * repeating whole passes until `minDurationMs` has elapsed.
 */
export async function measureRate(
  operationsPerPass: number,
  pass: () => void | Promise<void>,
  options: MeasureOptions = {},
): Promise<Measurement> {
  for (let i = 0; i < (options.warmupPasses ?? 2); i++) await pass();
  const minDurationNs = BigInt(Math.round((options.minDurationMs ?? 2000) * 1e6));
  const start = process.hrtime.bigint();
  let passes = 0;
  let elapsedNs = 0n;
  do {
    await pass();
    passes++;
    elapsedNs = process.hrtime.bigint() - start;
  } while (elapsedNs < minDurationNs);
  const operations = passes * operationsPerPass;
  const elapsedMs = Number(elapsedNs) / 1e6;
  return {
    operations,
    elapsedMs,
    microsPerOperation: (elapsedMs * 1000) / operations,
    operationsPerSecond: operations / (elapsedMs / 1000),
  };
}
