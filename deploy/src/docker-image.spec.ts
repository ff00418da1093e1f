import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEPLOY_ROOT, IMAGE_APPS, REPO_ROOT, SERVICES } from './deploy-paths';

const DOCKERFILE = readFileSync(join(DEPLOY_ROOT, 'docker/service.Dockerfile'), 'utf8');
const BUILD_SCRIPT = join(DEPLOY_ROOT, 'docker/build-image.sh');
const HEALTHCHECK = join(DEPLOY_ROOT, 'docker/healthcheck.js');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The instructions of the final stage (after the last FROM). */
const finalStage = DOCKERFILE.slice(DOCKERFILE.lastIndexOf('\nFROM '));

function buildScript(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('bash', [BUILD_SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('deploy/docker/service.Dockerfile', () => {
  it('builds every service from one file with ARG APP on the Node 20 slim image', () => {
    expect(DOCKERFILE).toMatch(/^ARG NODE_IMAGE=node:20-[a-z]+-slim$/m);
    expect(DOCKERFILE.match(/^FROM \$\{NODE_IMAGE\}/gm)).toHaveLength(3);
    expect(DOCKERFILE).toMatch(/npx nx run "\$\{APP\}:build"/);
  });

  it('installs only the production dependencies of the generated lock file', () => {
    expect(DOCKERFILE).toMatch(
      /COPY --from=build \/workspace\/dist\/apps\/\$\{APP\}\/package\.json \/workspace\/dist\/apps\/\$\{APP\}\/package-lock\.json \.\//,
    );
    expect(DOCKERFILE).toMatch(/RUN npm ci --omit=dev/);
    const copies = finalStage.split('\n').filter((line) => line.startsWith('COPY '));
    expect(copies).toEqual([
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY --from=build /workspace/dist/apps/${APP}/package.json /workspace/dist/apps/${APP}/main.js /workspace/dist/apps/${APP}/main.js.map ./',
      'COPY deploy/docker/healthcheck.js ./healthcheck.js',
    ]);
  });

  it('runs as a non-root user under tini, exposes PORT and declares a node health check', () => {
    expect(finalStage).toMatch(/^USER 1000:1000$/m);
    expect(finalStage).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(finalStage).toMatch(/^CMD \["node", "--enable-source-maps", "\/app\/main\.js"\]$/m);
    expect(finalStage).toMatch(/^ENV NODE_ENV=production \\\n\s+PORT=\$\{PORT\}$/m);
    expect(finalStage).toMatch(/^EXPOSE \$\{PORT\}$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK .* CMD \["node", "\/app\/healthcheck\.js"\]$/m);
  });

  it('keeps the build context free of node_modules, dist and git history (.dockerignore)', () => {
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.nx']));
  });
});

describe('deploy/docker/build-image.sh', () => {
  it.each(IMAGE_APPS.map((app) => [app]))(
    'passes %s the PORT of spec/configuration.md (7000 for SDK-facing images)',
    (app) => {
      const port = ['sdk-gateway', 'sse-fanout', 'relay-proxy'].includes(app) ? 7000 : 8000;
      const dryRun = buildScript([app], { DRY_RUN: '1' });
      if (dryRun.status === 65) {
        expect(app).toBe('relay-proxy'); // only the all-in-one may not exist yet
        return;
      }
      expect(dryRun.status).toBe(0);
      expect(dryRun.stdout).toContain(
        `--build-arg APP=${app} --build-arg PORT=${port} --build-arg VERSION=${VERSION} --tag relay-proxy/${app}:${VERSION}`,
      );
    },
  );

  it('refuses an unknown app', () => {
    expect(buildScript(['not-a-service'])).toEqual(
      expect.objectContaining({ status: 64, stderr: expect.stringContaining('usage: build-image.sh') }),
    );
  });

  it('fails clearly, without building, when there is no docker client or no engine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-docker-'));
    try {
      expect(buildScript([SERVICES[0]], { DOCKER: join(dir, 'docker') })).toEqual(
        expect.objectContaining({ status: 2, stderr: expect.stringContaining('is not installed') }),
      );
      const stub = join(dir, 'docker-without-engine');
      writeFileSync(stub, '#!/bin/sh\necho "$@" >> "$(dirname "$0")/calls"\nexit 1\n');
      chmodSync(stub, 0o755);
      expect(buildScript([SERVICES[0]], { DOCKER: stub })).toEqual(
        expect.objectContaining({ status: 2, stderr: expect.stringContaining('no Docker engine is reachable') }),
      );
      expect(readFileSync(join(dir, 'calls'), 'utf8')).toBe('info\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/docker/healthcheck.js', () => {
  let server: Server;
  let status = 200;
  let port = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? status : 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const check = (env: Record<string, string>) =>
    new Promise<number>((resolve) =>
      execFile(process.execPath, [HEALTHCHECK], { env }).once('exit', (code) => resolve(code ?? -1)),
    );

  it('exits 0 when /healthz on PORT answers 200 and 1 otherwise', async () => {
    status = 200;
    expect(await check({ PORT: String(port) })).toBe(0);
    status = 503;
    expect(await check({ PORT: String(port) })).toBe(1);
  });

  it('exits 1 when nothing listens, and speaks HTTPS when TLS_ENABLED is true', async () => {
    status = 200;
    expect(await check({ PORT: String(port), TLS_ENABLED: 'true' })).toBe(1);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await check({ PORT: String(port) })).toBe(1);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
});
