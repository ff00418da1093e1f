import { join } from 'node:path';
import { EXAMPLES_DIR, SERVICES, type Service } from './deploy-paths';
import { readYaml, type Values } from './chart-values';

/** The docker compose examples. */
export const COMPOSE_FILES = ['ha-redis.yaml', 'ha-redis-cluster.yaml'].map((name) =>
  join(EXAMPLES_DIR, 'compose', name),
);

/** One relay service of a compose file. */
export interface ComposeService {
  service: Service;
  image: string;
  replicas: number;
  environment: Record<string, string>;
}

/** The compose file's relay services (those running a `relay-proxy/<service>` image), merge keys resolved. */
export function relayServicesOf(file: string): ComposeService[] {
  const services = (readYaml(file, { merge: true }) as Values)['services'] as Record<string, Values>;
  return Object.values(services).flatMap((definition) => {
    const image = String(definition['image'] ?? '');
    const service = SERVICES.find((name) => image.startsWith(`relay-proxy/${name}:`));
    if (!service) return [];
    const deploy = (definition['deploy'] ?? {}) as Values;
    return [
      {
        service,
        image,
        replicas: Number(deploy['replicas'] ?? 1),
        environment: (definition['environment'] ?? {}) as Record<string, string>,
      },
    ];
  });
}

/** The port a service serves GET /metrics on: PROMETHEUS_PORT, else PORT, else the image's PORT. */
export function metricsPortOf(compose: ComposeService): number {
  const imagePort = compose.service === 'sdk-gateway' || compose.service === 'sse-fanout' ? 7000 : 8000;
  return Number(compose.environment['PROMETHEUS_PORT'] ?? compose.environment['PORT'] ?? imagePort);
}
