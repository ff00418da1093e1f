import { InputError, NotFoundError } from '@relay/errors';
import { createAdminControlRoutes } from './admin-control-routes';
import { adminOk, adminPath, type AdminRoute, type AdminRouteDeps } from './admin-route';
import type { Emission } from './emulator-store';
import { objectAt, stringAt } from './fill-clauses';
import { readEnvironment, readEnvironmentIds } from './seed-emulator-store';

const SEGMENT = '([^/]+)';

/** The admin routes that change state; each sends the events the change causes. */
export function createAdminRoutes(deps: AdminRouteDeps): AdminRoute[] {
  const emit = (emissions: Emission[]) => {
    for (const emission of emissions) {
      const audience = 'proxyKey' in emission ? { proxyKey: emission.proxyKey } : { environment: emission.environment };
      deps.hub.send(JSON.stringify(emission.event), audience);
    }
  };
  const scopeEvent = (event: string, proxyKey: string, ids: string[]) => {
    const existing = ids.filter((id) => deps.store().environment(id) !== undefined);
    if (existing.length > 0) emit([{ event: { event, domain: 'proxy', environments: existing }, proxyKey }]);
  };
  const env = `/environments/${SEGMENT}`;

  return [
    {
      method: 'POST',
      pattern: adminPath('/reset'),
      handle: ({ body }) => (deps.reset(body), deps.hub.closeInvalid(), adminOk()),
    },
    { method: 'GET', pattern: adminPath('/state'), handle: () => adminOk(deps.store().snapshot()) },
    {
      method: 'PUT',
      pattern: adminPath(env),
      handle({ params: [id], body }) {
        const environment = readEnvironment({ ...objectAt(body, 'environment'), id }, 'environment');
        emit(deps.store().putEnvironment(environment));
        return adminOk(environment);
      },
    },
    {
      method: 'DELETE',
      pattern: adminPath(env),
      handle: ({ params: [id] }) => (emit(deps.store().deleteEnvironment(id!)), adminOk()),
    },
    {
      method: 'PUT',
      pattern: adminPath(`${env}/flags/${SEGMENT}`),
      handle({ params: [id, feature], body }) {
        const { flag, emissions } = deps.store().putFlag(id!, feature!, body);
        emit(emissions);
        return adminOk(flag);
      },
    },
    {
      method: 'DELETE',
      pattern: adminPath(`${env}/flags/${SEGMENT}`),
      handle: ({ params: [id, feature] }) => (emit(deps.store().deleteFlag(id!, feature!)), adminOk()),
    },
    {
      method: 'PUT',
      pattern: adminPath(`${env}/segments/${SEGMENT}`),
      handle({ params: [id, identifier], body }) {
        const { segment, emissions } = deps.store().putSegment(id!, identifier!, body);
        emit(emissions);
        return adminOk(segment);
      },
    },
    {
      method: 'DELETE',
      pattern: adminPath(`${env}/segments/${SEGMENT}`),
      handle: ({ params: [id, identifier] }) => (emit(deps.store().deleteSegment(id!, identifier!)), adminOk()),
    },
    {
      method: 'POST',
      pattern: adminPath(`${env}/sdk-keys`),
      handle({ params: [id], body }) {
        const key = stringAt(objectAt(body, 'body')['key'], 'key');
        const emissions = deps.store().addSdkKey(id!, key);
        emit(emissions);
        return adminOk({ key, apiKey: emissions[0]?.event.apiKey });
      },
    },
    {
      method: 'DELETE',
      pattern: adminPath(`${env}/sdk-keys/${SEGMENT}`),
      handle: ({ params: [id, key] }) => (emit(deps.store().removeSdkKey(id!, key!)), adminOk()),
    },
    {
      method: 'PUT',
      pattern: adminPath(`/proxy-keys/${SEGMENT}`),
      handle({ params: [key], body }) {
        const environments = readEnvironmentIds(objectAt(body, 'body')['environments'], 'environments');
        const { added, removed } = deps.store().keys.put(key!, environments);
        scopeEvent('environmentsAdded', key!, added);
        scopeEvent('environmentsRemoved', key!, removed);
        return adminOk({ key, environments: deps.store().keys.scope(key!) });
      },
    },
    {
      method: 'POST',
      pattern: adminPath(`/proxy-keys/${SEGMENT}/rotate`),
      handle({ params: [key], body }) {
        const input = objectAt(body, 'body');
        const newKey = stringAt(input['newKey'], 'newKey');
        const bufferSeconds = input['bufferSeconds'] ?? 0;
        if (newKey === '') throw new InputError('newKey must not be empty');
        if (typeof bufferSeconds !== 'number' || !(bufferSeconds >= 0))
          throw new InputError('bufferSeconds must be a number ≥ 0');
        const rotated = deps.store().keys.rotate(key!, newKey, bufferSeconds * 1000);
        deps.hub.closeInvalid(); // an immediate rotation revokes the old key and ends its streams
        return adminOk(rotated);
      },
    },
    {
      method: 'DELETE',
      pattern: adminPath(`/proxy-keys/${SEGMENT}`),
      handle({ params: [key] }) {
        if (!deps.store().keys.isValid(key!)) throw new NotFoundError('proxy key not found');
        // The event goes out while the key is still valid, then its streams end (spec/saas-api.md §10.11).
        emit([{ event: { event: 'proxyKeyDeleted', domain: 'proxy' }, proxyKey: key! }]);
        deps.store().keys.delete(key!);
        deps.hub.closeKey(key!);
        return adminOk();
      },
    },
    ...createAdminControlRoutes(deps),
  ];
}
