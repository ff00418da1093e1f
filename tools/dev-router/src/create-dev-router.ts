import { Agent, request, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { SERVER_SETTINGS } from '@relay/http';
import { routeForPath, type RouteTarget } from './route-for-path';
import { createSseFrameAligner } from './sse-frame-aligner';

/** The two upstream base URLs (plain `http://`, e.g. `http://127.0.0.1:7001`). */
export interface DevRouterTargets {
  /** Receives every request except `/stream`. */
  sdkGatewayUrl: string;
  /** Receives the exact path `/stream`. */
  sseFanoutUrl: string;
}

/** The forwarding request listener and the keep-alive connections it holds to the upstreams. */
export interface DevRouterHandler {
  listener: RequestListener;
  /** Drops the idle upstream connections. */
  close(): void;
}

// Headers that describe one connection, not the message (RFC 9110 §7.6.1): each hop sets its own.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** `rawHeaders` without hop-by-hop fields, names and order as received. */
function endToEndHeaders(rawHeaders: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!HOP_BY_HOP.has(rawHeaders[i]!.toLowerCase())) kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return kept;
}

/** Copies the upstream body to `res` as it arrives (SSE: on frame boundaries), honouring back-pressure. */
function relayBody(upstream: IncomingMessage, res: ServerResponse): void {
  const sse = /^text\/event-stream/i.test(upstream.headers['content-type'] ?? '');
  const aligner = sse ? createSseFrameAligner() : undefined;
  upstream.on('data', (chunk: Buffer) => {
    const out = aligner ? aligner.push(chunk) : chunk;
    if (out && !res.write(out)) {
      upstream.pause();
      res.once('drain', () => upstream.resume());
    }
  });
  upstream.on('end', () => {
    const rest = aligner?.rest();
    res.end(rest);
  });
  // An upstream that dies mid-body must look the same to the client: the connection drops.
  upstream.on('close', () => {
    if (!upstream.complete) res.destroy();
  });
}

function badGateway(res: ServerResponse, target: RouteTarget, error: Error): void {
  if (res.destroyed) return; // the client left first and the upstream request was destroyed for it
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: `bad gateway: ${target} unreachable (${error.message})` });
  res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Creates the request listener of the local dev router: one base URL in front of split processes,
 * routing by spec/sdk-api.md §1. Method, path, query, headers and status pass unchanged; bodies stream
 * through without buffering, so SSE frames reach the SDK as sse-fanout wrote them.
 */
export function createDevRouter(targets: DevRouterTargets): DevRouterHandler {
  const bases: Record<RouteTarget, URL> = { 'sdk-gateway': new URL(targets.sdkGatewayUrl), 'sse-fanout': new URL(targets.sseFanoutUrl) };
  for (const base of Object.values(bases)) {
    if (base.protocol !== 'http:') throw new Error(`the dev router forwards to http:// only, got ${base.href}`);
  }
  const agent = new Agent({ keepAlive: true });
  const listener: RequestListener = (req, res) => {
    const target = routeForPath(req.url ?? '/');
    const base = bases[target];
    const upstream = request(
      {
        agent,
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: `${base.pathname.replace(/\/$/, '')}${req.url ?? '/'}`,
        headers: endToEndHeaders(req.rawHeaders),
        maxHeaderSize: SERVER_SETTINGS.maxHeaderSize,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, endToEndHeaders(upstreamRes.rawHeaders));
        res.flushHeaders();
        relayBody(upstreamRes, res);
      },
    );
    upstream.setNoDelay(true);
    upstream.on('error', (error) => badGateway(res, target, error));
    // The client went away (an SDK closing its stream): release the upstream side too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
  return { listener, close: () => agent.destroy() };
}
