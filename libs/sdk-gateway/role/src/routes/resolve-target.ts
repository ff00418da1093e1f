import type { EvaluationTarget } from '@relay/flag-model';
import { redisKeys } from '@relay/redis-contract';
import type { GatewayContext } from '../gateway-context';
import { readHarnessTarget, readTargetObject } from './read-harness-target';

function parseStoredTarget(text: string | undefined): EvaluationTarget | undefined {
  if (text === undefined) return undefined;
  try {
    return readTargetObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The target of an evaluation request (spec/sdk-api.md §6.4 step 1): the `Harness-Target` header when it
 * decodes (its identifier wins over the path's), else the target stored by `/client/auth`
 * (`env-<envID>-target-config-<target>`), else the path's identifier with an empty name.
 */
export async function resolveTarget(
  context: GatewayContext,
  envId: string,
  pathTarget: string,
  header: string | undefined,
): Promise<EvaluationTarget> {
  if (header !== undefined && header !== '') {
    const fromHeader = readHarnessTarget(header);
    if (fromHeader) return fromHeader;
    // The header's content is personal data: never logged.
    context.logger.warn('harness-target header ignored', { envID: envId });
  }
  const stored = parseStoredTarget(await context.cache.get(redisKeys.targetConfig(envId, pathTarget)));
  return stored ?? { identifier: pathTarget, name: '' };
}
