import { Redis } from 'ioredis';
import { createServer, type Server } from 'node:net';
import { SniTlsConnector } from './sni-tls-connector';

/** A plain TCP server that keeps the first bytes (the TLS ClientHello) of each connection. */
async function startHelloRecorder(): Promise<{ server: Server; port: number; hello: () => Promise<Buffer> }> {
  const hellos: Buffer[] = [];
  const waiting: ((hello: Buffer) => void)[] = [];
  const server = createServer((socket) => {
    socket.once('data', (data) => {
      const next = waiting.shift();
      if (next) next(data);
      else hellos.push(data);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    port,
    hello: () => new Promise((resolve) => (hellos.length > 0 ? resolve(hellos.shift() as Buffer) : waiting.push(resolve))),
  };
}

describe('SniTlsConnector', () => {
  let recorder: Awaited<ReturnType<typeof startHelloRecorder>>;
  beforeEach(async () => {
    recorder = await startHelloRecorder();
  });
  afterEach(() => new Promise<void>((resolve) => recorder.server.close(() => resolve())));

  it('sends the node host name as SNI', async () => {
    const connector = new SniTlsConnector({ host: 'localhost', port: recorder.port, tls: {} });
    const socket = await connector.connect();
    socket.on('error', () => undefined);
    expect((await recorder.hello()).includes(Buffer.from('localhost'))).toBe(true);
    connector.disconnect();
  });

  it('sends no SNI for an IP address', async () => {
    const connector = new SniTlsConnector({ host: '127.0.0.1', port: recorder.port, tls: {} });
    const socket = await connector.connect();
    socket.on('error', () => undefined);
    expect((await recorder.hello()).includes(Buffer.from('127.0.0.1'))).toBe(false);
    connector.disconnect();
  });

  it('is used by ioredis for each connection when given as Connector', async () => {
    const redis = new Redis({ host: 'localhost', port: recorder.port, tls: {}, Connector: SniTlsConnector, retryStrategy: () => null });
    redis.on('error', () => undefined);
    expect((await recorder.hello()).includes(Buffer.from('localhost'))).toBe(true);
    redis.disconnect();
  });

  it('does not connect once disconnected', async () => {
    const connector = new SniTlsConnector({ host: 'localhost', port: recorder.port });
    const connecting = connector.connect();
    connector.disconnect();
    await expect(connecting).rejects.toThrow('Connection is closed.');
  });
});
