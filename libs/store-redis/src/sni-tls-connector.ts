import { AbstractConnector } from 'ioredis';
import { isIP } from 'node:net';
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls';

/** The per-node options ioredis hands to a connector. */
interface ConnectorOptions {
  host?: string;
  port?: number;
  tls?: ConnectionOptions;
  disconnectTimeout?: number;
}

/**
 * Opens TLS connections whose SNI is the host of the node being connected (spec/configuration.md §5):
 * ioredis passes one `tls` object to every Cluster node, so a fixed `servername` would be wrong for
 * all nodes but one. IP addresses are not valid SNI names (RFC 6066) and get none.
 */
export class SniTlsConnector extends AbstractConnector {
  private readonly options: ConnectorOptions;

  constructor(options: unknown) {
    const connectorOptions = options as ConnectorOptions;
    super(connectorOptions.disconnectTimeout ?? 2000);
    this.options = connectorOptions;
  }

  override connect(): Promise<TLSSocket> {
    this.connecting = true;
    const { host = 'localhost', port = 6379, tls = {} } = this.options;
    return new Promise((resolve, reject) => {
      // Like ioredis' own connector: connect on the next tick, unless disconnect() came first.
      process.nextTick(() => {
        if (!this.connecting) return reject(new Error('Connection is closed.'));
        try {
          const socket = connect({ ...tls, host, port, servername: isIP(host) === 0 ? host : undefined });
          socket.once('error', (error: Error) => (this.firstError = error));
          this.stream = socket;
          resolve(socket);
        } catch (error) {
          reject(error);
        }
      });
    });
  }
}
