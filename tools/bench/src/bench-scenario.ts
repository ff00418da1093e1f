/** Options of one run: `--name value` pairs after the scenario name, as strings. */
export type BenchOptions = Readonly<Record<string, string>>;

/** What a scenario reports: flat figures (numbers, strings) for the JSON file, and lines for people. */
export interface BenchReport {
  figures: Record<string, number | string | null>;
  summary: string[];
}

/** A benchmark scenario, registered by name in `scenario-registry.ts`. Measures; never asserts. */
export interface BenchScenario {
  /** One line for `--help` and the result file. */
  description: string;
  run(options: BenchOptions): Promise<BenchReport>;
}
