import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EXAMPLES_DIR, SERVICES } from './deploy-paths';
import { readYaml, type Values } from './chart-values';
import { COMPOSE_FILES, metricsPortOf, relayServicesOf } from './compose-example';
import { nginxBytes } from './nginx-size';
import { envNamesReadBy } from './service-env-names';
import { unread } from './chart-env-names';

const VERSION = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string })
  .version;
const REQUIRED: Record<string, string[]> = {
  'saas-sync': ['REDIS_ADDRESS', 'PROXY_KEY'],
  'metrics-forwarder': ['REDIS_ADDRESS', 'PROXY_KEY'],
  'sdk-gateway': ['REDIS_ADDRESS', 'AUTH_SECRET'],
  'sse-fanout': ['REDIS_ADDRESS', 'AUTH_SECRET'],
};

describe.each(COMPOSE_FILES.map((file) => [basename(file), file]))('the compose example %s', (name, file) => {
  const services = relayServicesOf(file);

  it('runs two of every service from the images build-image.sh tags', () => {
    expect(services.map((s) => s.service).sort()).toEqual([...SERVICES].sort());
    for (const service of services) {
      expect(service.image).toBe(`relay-proxy/${service.service}:${VERSION}`);
      expect(service.replicas).toBeGreaterThanOrEqual(2);
    }
  });

  it('sets only variables each service reads, including the ones it cannot start without', () => {
    for (const { service, environment } of services) {
      expect({ service, unread: unread(Object.keys(environment), envNamesReadBy(service)) }).toEqual({
        service,
        unread: [],
      });
      expect(Object.keys(environment)).toEqual(expect.arrayContaining(REQUIRED[service] as string[]));
    }
  });

  it('points every service at the same Redis, a Cluster with several seed nodes when it is one', () => {
    const addresses = new Set(services.map((s) => s.environment['REDIS_ADDRESS']));
    expect(addresses.size).toBe(1);
    const [address] = [...addresses];
    expect((address as string).split(',')).toHaveLength(name.includes('cluster') ? 3 : 1);
  });

  it('serves one base URL on port 7000 through the router', () => {
    const router = ((readYaml(file, { merge: true }) as Values)['services'] as Record<string, Values>)[
      'router'
    ] as Values;
    expect(router['ports']).toEqual(['7000:7000']);
    expect(router['volumes']).toEqual(['./nginx.conf:/etc/nginx/nginx.conf:ro']);
  });
});

describe('the compose router (nginx.conf)', () => {
  const conf = readFileSync(join(EXAMPLES_DIR, 'compose/nginx.conf'), 'utf8');
  const block = (location: string) => new RegExp(`location ${location} \\{([^}]*)\\}`).exec(conf)?.[1] ?? '';

  it('sends the exact path /stream to sse-fanout unbuffered with a long read timeout', () => {
    expect(block('= /stream')).toMatch(/proxy_pass \$fanout;/);
    expect(block('= /stream')).toMatch(/proxy_buffering off;/);
    expect(Number(/proxy_read_timeout (\d+)s;/.exec(block('= /stream'))?.[1])).toBeGreaterThanOrEqual(60);
    expect(conf).toMatch(/set \$fanout http:\/\/sse-fanout:7000;/);
  });

  it('sends everything else to sdk-gateway, with room for the Harness-Target header and 4 MiB bodies', () => {
    expect(block('/')).toMatch(/proxy_pass \$gateway;/);
    expect(conf).toMatch(/set \$gateway http:\/\/sdk-gateway:7000;/);
    const buffers = /large_client_header_buffers \d+ (\w+);/.exec(conf)?.[1] as string;
    expect(nginxBytes(buffers)).toBeGreaterThan(262_143 + 'Harness-Target: '.length + 2);
    expect(nginxBytes(/client_max_body_size (\w+);/.exec(conf)?.[1] as string)).toBeGreaterThan(4_194_304);
  });
});

describe('the Prometheus scrape configuration', () => {
  const config = readYaml(join(EXAMPLES_DIR, 'prometheus/prometheus.yml')) as Values;
  const jobs = config['scrape_configs'] as Values[];

  it('keeps the chart’s annotated pods in Kubernetes', () => {
    const kubernetes = jobs.find((job) => job['job_name'] === 'relay-proxy') as Values;
    expect(JSON.stringify(kubernetes['relabel_configs'])).toContain(
      '__meta_kubernetes_pod_annotation_prometheus_io_port',
    );
  });

  it('scrapes each compose service on the port it serves /metrics on', () => {
    const compose = jobs.find((job) => job['job_name'] === 'relay-proxy-compose') as Values;
    const portByName = new Map(
      (compose['dns_sd_configs'] as Values[]).flatMap((sd) =>
        (sd['names'] as string[]).map((n) => [n, sd['port'] as number] as const),
      ),
    );
    for (const file of COMPOSE_FILES) {
      for (const service of relayServicesOf(file))
        expect({ service: service.service, port: portByName.get(service.service) }).toEqual({
          service: service.service,
          port: metricsPortOf(service),
        });
    }
  });
});

describe('the ingress-nginx controller example', () => {
  it('sets header buffers that hold a 256 KiB Harness-Target header', () => {
    const values = readYaml(join(EXAMPLES_DIR, 'ingress-nginx/controller-values.yaml')) as Values;
    const config = (values['controller'] as Values)['config'] as Record<string, string>;
    const [, size] = (config['large-client-header-buffers'] as string).split(' ');
    expect(nginxBytes(size as string)).toBeGreaterThan(262_143 + 'Harness-Target: '.length + 2);
  });
});
