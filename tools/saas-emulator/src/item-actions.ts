import { NotFoundError } from '@relay/errors';
import type { SaasEvent } from '@relay/flag-model';
import type { EmulatorEnvironment } from './emulator-state';
import type { ItemCatalog } from './item-catalog';

/** An event and who receives it: the streams of every key covering `environment`, or of one `proxyKey`. */
export type Emission = { event: SaasEvent; environment: string } | { event: SaasEvent; proxyKey: string };

/** Where a flag or segment lives: its environment and the catalog of its kind there. */
export interface ItemPlace<T> {
  environment: EmulatorEnvironment;
  catalog: ItemCatalog<T>;
}

/** Create-or-replace and delete of one kind of item (flags or segments), with the events of §10.11. */
export interface ItemActions<T> {
  /** Stores `input` (checked and filled) at `version` (default: the next one); `create` or `patch`. */
  put(environmentId: string, identifier: string, input: unknown, version?: number): { item: T; emissions: Emission[] };
  /** Removes the item; `delete` with a new version. A missing item is a `NotFoundError`. */
  delete(environmentId: string, identifier: string): Emission[];
}

/** What {@link createItemActions} needs. */
export interface ItemActionOptions<T> {
  /** Event `domain`: `flag` or `target-segment`. */
  domain: 'flag' | 'target-segment';
  /** The environment and catalog of `environmentId`; throws `NotFoundError` for an unknown environment. */
  place(environmentId: string): ItemPlace<T>;
  /** Checks and fills admin input (`fillFeatureConfig` or `fillSegment`). */
  fill(input: unknown, environment: EmulatorEnvironment, identifier: string, version: number): T;
}

/** Creates the {@link ItemActions} of one item kind. */
export function createItemActions<T>(options: ItemActionOptions<T>): ItemActions<T> {
  const event = (name: string, identifier: string, version: number, environment: string): Emission => ({
    event: { event: name, domain: options.domain, identifier, version, environment },
    environment,
  });
  return {
    put(environmentId, identifier, input, version) {
      const { environment, catalog } = options.place(environmentId);
      const itemVersion = version ?? catalog.nextVersion(identifier);
      const item = options.fill(input, environment, identifier, itemVersion);
      const kind = catalog.put(identifier, item, itemVersion);
      return { item, emissions: [event(kind, identifier, itemVersion, environmentId)] };
    },
    delete(environmentId, identifier) {
      const version = options.place(environmentId).catalog.delete(identifier);
      if (version === undefined) throw new NotFoundError(`${options.domain} ${identifier} not found`);
      return [event('delete', identifier, version, environmentId)];
    },
  };
}
