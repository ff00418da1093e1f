import type { ConfigCache } from '../config-cache';
import type { EventStream } from '../event-stream';
import { StoreError, type StoreErrorCode } from '../store-error';

/** A fresh, empty store for one contract test: both ports over one keyspace. */
export interface ContractStore {
  cache: ConfigCache;
  events: EventStream;
  /** Called after the test (close what `setup` opened for it). Optional. */
  cleanup?: () => Promise<void> | void;
}

/** Yields a fresh, empty store before each test (Redis: `FLUSHALL` first). */
export type ContractSetup = () => Promise<ContractStore> | ContractStore;

/** Registers `beforeEach`/`afterEach` and returns a getter for the current test's store. */
export function useContractStore(setup: ContractSetup): () => ContractStore {
  let current: ContractStore | undefined;
  beforeEach(async () => {
    current = await setup();
  });
  afterEach(async () => {
    await current?.cleanup?.();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('no contract store: use it inside a test');
    return current;
  };
}

/** Real time: Redis-side TTLs and idle times cannot be faked (spec/redis-contract.md §1.11). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Asserts that `call` rejects with a {@link StoreError} of `code`. */
export async function expectStoreError(call: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect(error).toMatchObject({ code });
}
