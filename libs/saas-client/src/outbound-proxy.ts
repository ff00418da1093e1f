import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

/** The standard outbound-proxy settings (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), read by main. */
export interface OutboundProxyOptions {
  httpProxy?: string;
  httpsProxy?: string;
  /** Comma-separated hosts (or `.suffix`, `*`) reached directly. */
  noProxy?: string;
}

function bypassed(target: URL, noProxy: string | undefined): boolean {
  const host = target.hostname.toLowerCase();
  return (noProxy ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter((entry) => entry !== '')
    .some((entry) => entry === '*' || host === entry.replace(/^\./, '') || host.endsWith(entry.startsWith('.') ? entry : `.${entry}`));
}

/** The proxy to use for `targetUrl`, or `undefined` to connect directly (spec/configuration.md §2.2). */
export function proxyFor(targetUrl: string, options: OutboundProxyOptions | undefined): URL | undefined {
  const target = new URL(targetUrl);
  const proxy = target.protocol === 'https:' ? (options?.httpsProxy ?? options?.httpProxy) : options?.httpProxy;
  if (!proxy || bypassed(target, options?.noProxy)) return undefined;
  return new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
}

/** `Proxy-Authorization` for a proxy URL with credentials. */
export function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '') return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/**
 * An HTTPS agent that reaches every host through an HTTP proxy with `CONNECT`, then speaks TLS to the
 * host over the tunnel (SNI and certificate checks against the host, extra CAs from
 * `NODE_EXTRA_CA_CERTS` as usual).
 */
export class TunnelingAgent extends HttpsAgent {
  constructor(
    private readonly proxy: URL,
    options: AgentOptions = {},
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(options: ConnectionOptions & { host?: string; port?: number }, callback?: (error: Error | null, socket: Duplex) => void): undefined {
    const authority = `${options.host}:${options.port ?? 443}`;
    const connect = httpRequest({
      host: this.proxy.hostname,
      port: Number(this.proxy.port || 80),
      method: 'CONNECT',
      path: authority,
      headers: { Host: authority, ...proxyAuthorization(this.proxy) },
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        callback?.(new Error(`proxy CONNECT answered ${res.statusCode}`), socket);
        return;
      }
      callback?.(null, tlsConnect({ ...options, socket, servername: options.servername ?? options.host }));
    });
    connect.once('error', (error) => callback?.(error, connect.socket as Duplex));
    connect.end();
    return undefined;
  }
}
