import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which account streams receive a frame. */
export type StreamAudience = { environment: string } | { proxyKey: string } | { all: true };

/** Stream faults that also hit open streams (spec/saas-api.md §10.12). */
export type OpenStreamFault = 'drop' | 'silence' | 'malformed';

/** Options of {@link createStreamHub}. */
export interface StreamHubOptions {
  /** Interval between `:` heartbeat comments, in ms. */
  heartbeatMs: number;
  /** Whether a proxy key is still valid; streams of invalid keys are closed at their next heartbeat or frame. */
  isValid(proxyKey: string): boolean;
  /** Whether `proxyKey` covers environment `environment`. */
  covers(proxyKey: string, environment: string): boolean;
}

/** The open account streams (`GET /stream`, spec/saas-api.md §10.8). */
export interface StreamHub {
  /** Answers `res` as an account stream of `proxyKey`; `fault` starts it dropped, silent or with a malformed frame. */
  open(proxyKey: string, req: IncomingMessage, res: ServerResponse, fault?: OpenStreamFault): void;
  /** Writes one frame `event: *\ndata: <data>\n\n` (one `data:` line per line of `data`); returns how many streams got it. */
  send(data: string, audience: StreamAudience): number;
  /** Ends (EOF) the streams of `proxyKey`; returns how many. */
  closeKey(proxyKey: string): number;
  /** Ends the streams whose key is no longer valid. */
  closeInvalid(): void;
  /** Applies `fault` to up to `limit` open, not yet silenced streams (all when absent); returns how many. */
  applyFault(fault: OpenStreamFault, limit?: number): number;
  /** Open streams per proxy key. */
  counts(): Record<string, number>;
  /** Ends every stream and stops every heartbeat. */
  closeAll(): void;
}

interface Connection {
  key: string;
  res: ServerResponse;
  timer?: NodeJS.Timeout;
  silenced: boolean;
}

/** A frame cut in the middle of its JSON, for `drop` (a reader must discard the partial block). */
const PARTIAL_FRAME = 'event: *\ndata: {"event":"patch","domain":"fl';
/** A complete frame whose data is not JSON, for `malformed`. */
const MALFORMED_FRAME = 'event: *\ndata: {"event":"patch","domain":\n\n';

/** Creates an empty {@link StreamHub}. */
export function createStreamHub(options: StreamHubOptions): StreamHub {
  const connections = new Set<Connection>();
  const forget = (connection: Connection) => {
    clearInterval(connection.timer);
    connections.delete(connection);
  };
  const end = (connection: Connection) => {
    forget(connection);
    if (!connection.res.writableEnded) connection.res.end();
  };
  const write = (connection: Connection, text: string) => {
    if (connection.res.writableEnded || connection.res.destroyed) return forget(connection);
    connection.res.write(text); // one write per frame (spec/saas-api.md §10.8)
  };
  const silence = (connection: Connection) => {
    clearInterval(connection.timer);
    connection.silenced = true;
  };
  const drop = (connection: Connection) => {
    forget(connection);
    connection.res.write(PARTIAL_FRAME, () => connection.res.destroy());
  };
  const faults: Record<OpenStreamFault, (connection: Connection) => void> = {
    drop,
    silence,
    malformed: (connection) => write(connection, MALFORMED_FRAME),
  };
  const accepts = (connection: Connection, audience: StreamAudience) => {
    if ('all' in audience) return true;
    if ('proxyKey' in audience) return connection.key === audience.proxyKey;
    return options.covers(connection.key, audience.environment);
  };
  const heartbeat = (connection: Connection) => {
    if (options.isValid(connection.key)) write(connection, ':\n\n');
    else end(connection);
  };

  return {
    open(proxyKey, req, res, fault) {
      req.socket.setNoDelay(true);
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
      });
      const connection: Connection = { key: proxyKey, res, silenced: false };
      connections.add(connection);
      res.on('close', () => forget(connection));
      if (fault === 'silence') {
        connection.silenced = true;
        res.flushHeaders();
        return;
      }
      res.write(':\n\n'); // at once, so the proxy sees CONNECTED without waiting for a heartbeat
      connection.timer = setInterval(() => heartbeat(connection), options.heartbeatMs);
      connection.timer.unref();
      if (fault !== undefined) faults[fault](connection);
    },
    send(data, audience) {
      const frame = `event: *\n${data
        .split('\n')
        .map((line) => `data: ${line}\n`)
        .join('')}\n`;
      let delivered = 0;
      for (const connection of [...connections]) {
        if (connection.silenced || !accepts(connection, audience)) continue;
        if (!options.isValid(connection.key)) end(connection);
        else {
          write(connection, frame);
          delivered += 1;
        }
      }
      return delivered;
    },
    closeKey(proxyKey) {
      const matching = [...connections].filter((connection) => connection.key === proxyKey);
      matching.forEach(end);
      return matching.length;
    },
    closeInvalid: () => [...connections].filter((c) => !options.isValid(c.key)).forEach(end),
    applyFault(fault, limit = Number.POSITIVE_INFINITY) {
      const targets = [...connections].filter((connection) => !connection.silenced).slice(0, limit);
      targets.forEach(faults[fault]);
      return targets.length;
    },
    counts() {
      const counts: Record<string, number> = {};
      for (const { key } of connections) counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    },
    closeAll: () => [...connections].forEach(end),
  };
}
