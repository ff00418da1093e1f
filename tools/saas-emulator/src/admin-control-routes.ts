import { InputError } from '@relay/errors';
import { adminOk, adminPath, type AdminRoute, type AdminRouteDeps } from './admin-route';
import { objectAt } from './fill-clauses';
import { readFault } from './read-fault';

/** The admin routes that inspect or drive the emulator: raw events, streams, request log and faults (§10.11, §10.12). */
export function createAdminControlRoutes(deps: AdminRouteDeps): AdminRoute[] {
  return [
    {
      method: 'POST',
      pattern: adminPath('/stream/events'),
      handle({ body }) {
        const input = objectAt(body, 'body');
        const key = input['key'];
        if (key !== undefined && typeof key !== 'string') throw new InputError('key must be a string');
        if (input['data'] !== undefined && typeof input['data'] !== 'string')
          throw new InputError('data must be a string');
        if (input['data'] === undefined && !('event' in input))
          throw new InputError('event (any JSON) or data (a string) is required');
        const data = (input['data'] as string | undefined) ?? JSON.stringify(input['event']);
        return adminOk({ delivered: deps.hub.send(data, key === undefined ? { all: true } : { proxyKey: key }) });
      },
    },
    {
      method: 'GET',
      pattern: adminPath('/streams'),
      handle() {
        const byKey = deps.hub.counts();
        return adminOk({ total: Object.values(byKey).reduce((sum, n) => sum + n, 0), byKey });
      },
    },
    {
      method: 'GET',
      pattern: adminPath('/requests'),
      handle({ query }) {
        const filter = Object.fromEntries(
          ['path', 'pathPrefix', 'method'].flatMap((f) => (query.has(f) ? [[f, query.get(f)!]] : [])),
        );
        return adminOk(deps.requests.list(filter));
      },
    },
    { method: 'DELETE', pattern: adminPath('/requests'), handle: () => (deps.requests.clear(), adminOk()) },
    {
      method: 'POST',
      pattern: adminPath('/faults'),
      handle({ body }) {
        const fault = readFault(body);
        const { target, mode } = fault;
        const hitsOpenStreams = target === 'stream' && (mode === 'drop' || mode === 'silence' || mode === 'malformed');
        const applied = hitsOpenStreams ? deps.hub.applyFault(mode, fault.count) : 0;
        deps.faults.add(fault, fault.count === undefined ? undefined : fault.count - applied);
        return adminOk({ appliedToOpenStreams: applied, faults: deps.faults.list() });
      },
    },
    { method: 'GET', pattern: adminPath('/faults'), handle: () => adminOk(deps.faults.list()) },
    { method: 'DELETE', pattern: adminPath('/faults'), handle: () => (deps.faults.clear(), adminOk()) },
  ];
}
