import type { ActiveFault, EmulatorFault, FaultTarget } from './emulator-fault';

/** The faults in force (spec/saas-api.md §10.12), applied in the order they were set. */
export interface FaultTable {
  /** Adds `fault`, affecting `remaining` more requests (default its `count`; absent = until cleared). */
  add(fault: EmulatorFault, remaining?: number): void;
  /** The first fault in force for `target`, counting one affected request; `undefined` when none. */
  take(target: FaultTarget): EmulatorFault | undefined;
  clear(): void;
  list(): ActiveFault[];
}

/** Creates an empty {@link FaultTable}. */
export function createFaultTable(): FaultTable {
  let entries: { fault: EmulatorFault; remaining: number | undefined }[] = [];
  return {
    add(fault, remaining = fault.count) {
      if (remaining === undefined || remaining > 0) entries.push({ fault, remaining });
    },
    take(target) {
      const entry = entries.find((e) => e.fault.target === target);
      if (entry === undefined) return undefined;
      if (entry.remaining !== undefined) {
        entry.remaining -= 1;
        if (entry.remaining <= 0) entries = entries.filter((e) => e !== entry);
      }
      return entry.fault;
    },
    clear: () => {
      entries = [];
    },
    list: () =>
      entries.map(({ fault, remaining }) => {
        const { count: _count, ...rest } = fault;
        return remaining === undefined ? rest : { ...rest, remaining };
      }),
  };
}
