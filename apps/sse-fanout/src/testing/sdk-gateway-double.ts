import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastPath } from '@relay/http';
import { redisKeys, sha256hex } from '@relay/redis-contract';
import type { SdkTokens } from '@relay/sdk-auth';

/** A boolean flag as stored (spec/redis-contract.md §3.3). */
export interface DoubleFlag {
  feature: string;
  state: 'on' | 'off';
  version: number;
}

/** What the real SDKs need from sdk-gateway besides `/stream`, answered from memory. */
export interface SdkGatewayDouble {
  /** Put in front of the app: answers the gateway routes, leaves everything else (`/stream`) to express. */
  readonly fastPath: FastPath;
  /** Replaces a flag (as saas-sync would before announcing it). */
  setFlag(flag: DoubleFlag): void;
  /** `METHOD path` of every request answered, for assertions. */
  readonly requests: string[];
}

/** Options of {@link createSdkGatewayDouble}. */
export interface SdkGatewayDoubleOptions {
  tokens: SdkTokens;
  envId: string;
  /** Raw SDK keys that `/client/auth` accepts. */
  sdkKeys: readonly string[];
  flags: readonly DoubleFlag[];
}

const featureConfig = (envIdentifier: string, flag: DoubleFlag) => ({
  project: 'demo',
  environment: envIdentifier,
  feature: flag.feature,
  state: flag.state,
  kind: 'boolean',
  variations: [
    { identifier: 'true', value: 'true', name: 'True' },
    { identifier: 'false', value: 'false', name: 'False' },
  ],
  defaultServe: { variation: 'true' },
  offVariation: 'false',
  version: flag.version,
  rules: [],
  prerequisites: [],
  variationToTargetMap: [],
});

const evaluation = (flag: DoubleFlag) => {
  const value = flag.state === 'on' ? 'true' : 'false';
  return { flag: flag.feature, identifier: value, kind: 'boolean', value };
};

function send(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
  return true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/**
 * A test double of sdk-gateway (the real role is built elsewhere): `POST /client/auth` with real tokens,
 * the flag and segment reads the Node SDK makes, the evaluation reads of the JS SDK, and metrics.
 */
export function createSdkGatewayDouble(options: SdkGatewayDoubleOptions): SdkGatewayDouble {
  const { tokens, envId } = options;
  const flags = new Map(options.flags.map((flag) => [flag.feature, flag]));
  const requests: string[] = [];

  async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { apiKey } = JSON.parse(await readBody(req)) as { apiKey?: string };
    if (!apiKey || !options.sdkKeys.includes(apiKey)) return void send(res, 401, { error: 'unauthorised' });
    const subject = {
      apiKey: redisKeys.authKey(sha256hex(apiKey)),
      environment: envId,
      accountID: 'acc-123',
      environmentIdentifier: 'dev',
    };
    send(res, 200, { authToken: await tokens.issue(subject) });
  }

  function read(path: string, res: ServerResponse): boolean {
    const [, , , env, kind, id, third, fourth] = path.split('/').map((part) => decodeURIComponent(part));
    if (env !== envId) return false;
    if (kind === 'feature-configs' && id === undefined)
      return send(
        res,
        200,
        [...flags.values()].map((flag) => featureConfig('dev', flag)),
      );
    if (kind === 'feature-configs') {
      const flag = flags.get(id ?? '');
      return flag
        ? send(res, 200, featureConfig('dev', flag))
        : send(res, 404, { error: `not found: feature config ${id}` });
    }
    if (kind === 'target-segments')
      return id === undefined ? send(res, 200, []) : send(res, 404, { error: `not found: target segment ${id}` });
    if (kind === 'target' && third === 'evaluations' && fourth === undefined)
      return send(res, 200, [...flags.values()].map(evaluation));
    if (kind === 'target' && third === 'evaluations') {
      const flag = flags.get(fourth ?? '');
      return flag ? send(res, 200, evaluation(flag)) : send(res, 404, { error: `not found: feature config ${fourth}` });
    }
    return false;
  }

  const fastPath: FastPath = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let answered = false;
    if (req.method === 'POST' && path === '/client/auth') {
      answered = true;
      authenticate(req, res).catch(() => send(res, 400, { error: 'bad request' }));
    } else if (req.method === 'POST' && path.startsWith('/metrics/')) {
      answered = true;
      void readBody(req).then(() => send(res, 200, null));
    } else if (req.method === 'GET' && path.startsWith('/client/env/')) {
      answered = read(path, res);
    }
    if (answered) requests.push(`${req.method} ${path}`);
    return answered;
  };

  return {
    fastPath,
    setFlag: (flag) => void flags.set(flag.feature, flag),
    requests,
  };
}
