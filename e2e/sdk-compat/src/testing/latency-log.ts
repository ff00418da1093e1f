/** Latencies of one kind (emulator event → SDK event), printed once at the end of a suite. */
export interface LatencyLog {
  /** Records one latency in ms. */
  record(ms: number): void;
  /** One line: count, min, median and max; `undefined` when nothing was recorded. */
  summary(): string | undefined;
}

/** Creates a {@link LatencyLog} named `label`. */
export function createLatencyLog(label: string): LatencyLog {
  const values: number[] = [];
  return {
    record: (ms) => void values.push(ms),
    summary() {
      if (values.length === 0) return undefined;
      const sorted = [...values].sort((a, b) => a - b);
      const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
      return `${label}: emulator event → SDK 'changed' over ${sorted.length} changes: min ${sorted[0]} ms, median ${median} ms, max ${sorted.at(-1)} ms`;
    },
  };
}
