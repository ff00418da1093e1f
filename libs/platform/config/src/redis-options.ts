import type { EnvReader } from './env-reader';

/** One Redis node address. */
export interface RedisNode {
  host: string;
  port: number;
}

/** Where and how to connect to Redis, parsed from `REDIS_*` (spec/configuration.md §5). */
export interface RedisOptions {
  /** Seed nodes. Several → Redis Cluster; one → Cluster only if the server says `cluster_enabled:1`. */
  nodes: RedisNode[];
  /** `rediss://` on the first element: TLS for every node. */
  tls: boolean;
  /** ACL user: `REDIS_USERNAME`, else the URL's. */
  username?: string;
  /** `REDIS_PASSWORD`, else the URL's. */
  password?: string;
  /** Database: the URL path, else `REDIS_DB`. Must be 0 with Cluster. */
  db: number;
}

const ELEMENT = /^(?:(rediss?):\/\/)?(?:([^@/]*)@)?([^/@]+?)(?:\/(\d+))?$/;

interface ParsedElement {
  node: RedisNode;
  scheme?: string;
  user?: string;
  password?: string;
  db?: number;
}

function parseHostPort(hostPort: string): RedisNode | string {
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(hostPort);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(hostPort);
  const match = bracketed ?? plain;
  if (!match || !match[1]) return `'${hostPort}' is not host:port`;
  const port = match[2] === undefined ? 6379 : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `'${hostPort}' has an invalid port`;
  return { host: match[1], port };
}

function parseElement(element: string): ParsedElement | string {
  const match = ELEMENT.exec(element);
  if (!match || match[3] === undefined) return `'${element}' is not [redis://|rediss://][user:password@]host[:port][/db]`;
  const node = parseHostPort(match[3]);
  if (typeof node === 'string') return node;
  const [user, ...rest] = match[2] === undefined ? [] : match[2].split(':');
  return {
    node,
    scheme: match[1],
    user: user ? decodeURIComponent(user) : undefined,
    password: rest.length > 0 ? decodeURIComponent(rest.join(':')) : undefined,
    db: match[4] === undefined ? undefined : Number(match[4]),
  };
}

/**
 * Reads `REDIS_ADDRESS`, `REDIS_USERNAME`, `REDIS_PASSWORD`, `REDIS_DB` and `REDIS_POOL_SIZE`.
 * Returns `undefined` when `REDIS_ADDRESS` is unset (only the all-in-one process may run so); a
 * separately deployed service passes `required: true` and gets `REDIS_ADDRESS: required`.
 */
export function readRedisOptions(reader: EnvReader, { required }: { required: boolean }): RedisOptions | undefined {
  const envDb = reader.int('REDIS_DB', { default: 0, min: 0, max: 1_000_000 });
  if (reader.raw('REDIS_POOL_SIZE') !== undefined) {
    reader.int('REDIS_POOL_SIZE', { default: 10, min: 1, max: 1000 });
    reader.warn('REDIS_POOL_SIZE is accepted but not used: commands are pipelined over one connection per node');
  }
  const address = reader.raw('REDIS_ADDRESS');
  if (address === undefined) {
    if (required) reader.problem('REDIS_ADDRESS: required');
    return undefined;
  }
  const elements = address.split(',').map((element) => element.trim()).filter((element) => element !== '');
  const parsed = elements.map(parseElement);
  const errors = parsed.filter((p): p is string => typeof p === 'string');
  if (errors.length > 0 || parsed.length === 0) {
    for (const error of errors.length > 0 ? errors : ['no address given']) reader.problem(`REDIS_ADDRESS: ${error}`);
    return undefined;
  }
  const valid = parsed as ParsedElement[];
  const first = valid[0] as ParsedElement;
  const db = first.db ?? envDb;
  if (valid.length > 1 && db !== 0) reader.problem(`REDIS_DB: must be 0 with Redis Cluster (got ${db})`);
  return {
    nodes: valid.map((p) => p.node),
    tls: first.scheme === 'rediss',
    username: reader.raw('REDIS_USERNAME') ?? first.user,
    password: reader.raw('REDIS_PASSWORD') ?? first.password,
    db,
  };
}
