import { basename } from 'node:path';
import { CHART_DIR, SERVICES } from './deploy-paths';
import { renderedEnvNames, unread } from './chart-env-names';
import { undefinedIncludes } from './chart-files';
import { exampleValuesFiles, type Values } from './chart-values';
import { findHelm, helmTemplate, reportHelmMissing, runHelm } from './helm-cli';
import { nginxBytes } from './nginx-size';
import { envNamesReadBy } from './service-env-names';

const helm = findHelm();
const SECRETS = ['PROXY_KEY', 'AUTH_SECRET', 'REDIS_PASSWORD'];
const of = (manifests: Values[], kind: string) => manifests.filter((m) => m['kind'] === kind);
const nameOf = (manifest: Values) => (manifest['metadata'] as Values)['name'] as string;
const annotationsOf = (manifest: Values) =>
  ((manifest['metadata'] as Values)['annotations'] ?? {}) as Record<string, string>;
const podOf = (deployment: Values) => ((deployment['spec'] as Values)['template'] as Values)['spec'] as Values;
const containerOf = (deployment: Values) => (podOf(deployment)['containers'] as Values[])[0] as Values;
const probePath = (container: Values, probe: string) => ((container[probe] as Values)['httpGet'] as Values)['path'];

/** The one rule of an Ingress as `path pathType -> service:port`. */
function routesOf(ingress: Values): string[] {
  const rules = (ingress['spec'] as Values)['rules'] as Values[];
  return rules.flatMap((rule) =>
    ((rule['http'] as Values)['paths'] as Values[]).map((path) => {
      const service = (path['backend'] as Values)['service'] as Values;
      return `${String(path['path'])} ${String(path['pathType'])} -> ${String(service['name'])}:${String((service['port'] as Values)['name'])}`;
    }),
  );
}

describe('helm lint and helm template', () => {
  if (!helm) {
    it('did NOT run: no helm on PATH (the chart was checked without Helm only)', () => {
      reportHelmMissing(
        `helm lint and helm template of ${CHART_DIR} with ${exampleValuesFiles().length} example values files`,
      );
      expect(undefinedIncludes()).toEqual([]);
    });
    return;
  }

  it.each(exampleValuesFiles().map((file) => [basename(file), file]))('helm lint passes with %s', (_name, file) => {
    const result = runHelm(helm, ['lint', '--strict', CHART_DIR, '-f', file]);
    expect({ ok: result.ok, stderr: result.stderr }).toEqual({ ok: true, stderr: '' });
  });

  describe.each(exampleValuesFiles().map((file) => [basename(file), file]))('helm template with %s', (_name, file) => {
    const manifests = helmTemplate(helm, [file]);
    const deployments = of(manifests, 'Deployment');

    it('renders a Deployment, Service, ConfigMap and PodDisruptionBudget per service and HPAs for the SDK-facing ones', () => {
      for (const kind of ['Deployment', 'Service', 'ConfigMap', 'PodDisruptionBudget']) {
        expect(of(manifests, kind).map(nameOf).sort()).toEqual(SERVICES.map((s) => `relay-${s}`).sort());
      }
      expect(of(manifests, 'HorizontalPodAutoscaler').map(nameOf).sort()).toEqual([
        'relay-sdk-gateway',
        'relay-sse-fanout',
      ]);
      const saasSync = deployments.find((d) => nameOf(d) === 'relay-saas-sync') as Values;
      expect((saasSync['spec'] as Values)['replicas']).toBe(2);
    });

    it('sets on each service only variables it reads', () => {
      const names = renderedEnvNames(manifests);
      expect([...names.keys()].sort()).toEqual([...SERVICES].sort());
      for (const service of SERVICES) {
        expect({ service, unread: unread(names.get(service) ?? [], envNamesReadBy(service)) }).toEqual({
          service,
          unread: [],
        });
      }
    });

    it('probes /healthz for liveness and startup and /readyz for readiness, drains before SIGTERM', () => {
      for (const deployment of deployments) {
        const container = containerOf(deployment);
        expect([
          probePath(container, 'startupProbe'),
          probePath(container, 'livenessProbe'),
          probePath(container, 'readinessProbe'),
        ]).toEqual(['/healthz', '/healthz', '/readyz']);
        const preStop = ((container['lifecycle'] as Values)['preStop'] as Values)['exec'] as Values;
        const delay = Number((preStop['command'] as string[])[1]);
        expect(delay).toBeGreaterThan(0);
        expect(podOf(deployment)['terminationGracePeriodSeconds']).toBeGreaterThan(delay + 10);
        expect((podOf(deployment)['securityContext'] as Values)['runAsNonRoot']).toBe(true);
      }
    });

    it('keeps PROXY_KEY, AUTH_SECRET and REDIS_PASSWORD out of ConfigMaps, in secretKeyRef entries', () => {
      for (const configMap of of(manifests, 'ConfigMap'))
        expect(Object.keys(configMap['data'] as Values)).not.toEqual(
          expect.arrayContaining([expect.stringMatching(/^(PROXY_KEY|AUTH_SECRET|REDIS_PASSWORD)$/)]),
        );
      for (const deployment of deployments) {
        for (const entry of (containerOf(deployment)['env'] ?? []) as Values[]) {
          if (SECRETS.includes(entry['name'] as string))
            expect(Object.keys(entry['valueFrom'] as Values)).toEqual(['secretKeyRef']);
        }
      }
    });

    it('routes the exact path /stream to sse-fanout and everything else to sdk-gateway', () => {
      const ingresses = of(manifests, 'Ingress');
      expect(ingresses.flatMap(routesOf).sort()).toEqual([
        '/ Prefix -> relay-sdk-gateway:http',
        '/stream Exact -> relay-sse-fanout:http',
      ]);
      const stream = ingresses.find((i) => routesOf(i)[0]?.startsWith('/stream')) as Values;
      const api = ingresses.find((i) => routesOf(i)[0]?.startsWith('/ ')) as Values;
      expect(Number(annotationsOf(stream)['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(
        60,
      );
      expect(annotationsOf(stream)['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
      expect(nginxBytes(annotationsOf(api)['nginx.ingress.kubernetes.io/proxy-body-size'] as string)).toBeGreaterThan(
        4_194_304,
      );
    });
  });

  it('stores secrets given as values in the chart’s Secret and uses existing Secrets by reference', () => {
    const [standalone] = exampleValuesFiles().filter((file) => file.endsWith('values-redis-standalone.yaml'));
    const [cluster] = exampleValuesFiles().filter((file) => file.endsWith('values-redis-cluster.yaml'));
    const own = of(helmTemplate(helm, [standalone as string]), 'Secret');
    expect(own.map((secret) => Object.keys(secret['data'] as Values).sort())).toEqual([SECRETS.slice().sort()]);
    const clustered = helmTemplate(helm, [cluster as string]);
    expect(of(clustered, 'Secret')).toEqual([]);
    const gateway = of(clustered, 'Deployment').find((d) => nameOf(d) === 'relay-sdk-gateway') as Values;
    const auth = ((containerOf(gateway)['env'] as Values[]).find((e) => e['name'] === 'AUTH_SECRET') as Values)[
      'valueFrom'
    ] as Values;
    expect(auth['secretKeyRef']).toEqual({ name: 'relay-proxy-keys', key: 'auth-secret' });
    expect(of(clustered, 'ServiceMonitor')).toHaveLength(4);
  });

  it('refuses to render without a Redis address or the secrets a service needs, and with values the schema rejects', () => {
    const failure = (sets: string[]) =>
      runHelm(helm, ['template', 'relay', CHART_DIR, ...sets.flatMap((s) => ['--set', s])]).stderr;
    expect(failure([])).toContain('global.redis.addresses');
    expect(
      failure(['global.redis.addresses={redis:6379}', 'global.authSecret.value=0123456789abcdef0123456789abcdef']),
    ).toContain('needs PROXY_KEY');
    expect(failure(['global.redis.addresses={redis:6379}', 'sse-fanout.config.SSE_KEEPALIVE_INTERVAL=20'])).toContain(
      'SSE_KEEPALIVE_INTERVAL',
    );
  });
});
