import { once } from 'node:events';
import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';
import { FaultProxy } from './fault-proxy';

const sockets = new Set<Socket>();

/** An echo server: what the proxy forwards to in these tests. */
async function echoServer(): Promise<Server> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** A client on the proxy that collects what comes back. */
class Client {
  received = '';
  error: NodeJS.ErrnoException | undefined;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => (this.received += chunk.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => (this.error = error));
    socket.on('close', () => (this.closed = true));
  }

  static async open(port: number): Promise<Client> {
    const socket = createConnection({ host: '127.0.0.1', port });
    const client = new Client(socket);
    await once(socket, 'connect');
    return client;
  }

  async until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; received "${this.received}"`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async roundTrip(text: string): Promise<void> {
    const expected = this.received + text;
    this.socket.write(text);
    await this.until(() => this.received === expected, `echo of "${text}"`);
  }
}

function connectError(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
  });
}

describe('FaultProxy', () => {
  let echo: Server;
  let proxy: FaultProxy;
  const clients: Client[] = [];
  const open = async (): Promise<Client> => {
    const client = await Client.open(proxy.port);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    echo = await echoServer();
    proxy = await FaultProxy.start({ port: (echo.address() as AddressInfo).port });
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.socket.destroy());
    await proxy.stop();
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => echo.close(r));
  });

  it('forwards both ways and counts the bytes', async () => {
    const client = await open();
    await client.roundTrip('ping');
    expect(proxy.stats).toMatchObject({ accepted: 1, bytesUp: 4, bytesDown: 4 });
    expect(proxy.connections).toBe(1);
  });

  it('rewrites a URL to go through the proxy, keeping credentials and path', () => {
    expect(proxy.rewrite('postgres://postgres@127.0.0.1:5432/piyasa_t_x')).toBe(
      `postgres://postgres@127.0.0.1:${proxy.port}/piyasa_t_x`,
    );
    expect(proxy.rewrite('http://127.0.0.1:4000/v1')).toBe(`http://127.0.0.1:${proxy.port}/v1`);
    expect(proxy.rewrite('http://127.0.0.1:4000')).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(proxy.rewrite('redis://127.0.0.1:6379')).toBe(`redis://127.0.0.1:${proxy.port}`);
  });

  it('adds latency in each direction and keeps the order of chunks', async () => {
    const client = await open();
    proxy.latency(150);
    const started = Date.now();
    client.socket.write('a');
    client.socket.write('b');
    await new Promise((r) => setTimeout(r, 20));
    client.socket.write('c');
    await client.until(() => client.received === 'abc', 'the delayed echo');
    // Up and back down: each way held at least the configured latency.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    proxy.pass();
    await client.roundTrip('d');
  });

  it('resets every open connection with RST and accepts new ones', async () => {
    const client = await open();
    await client.roundTrip('x');
    expect(proxy.reset()).toBe(1);
    await client.until(() => client.closed, 'the reset');
    expect(client.error?.code).toBe('ECONNRESET');
    const next = await open();
    await next.roundTrip('y');
  });

  it('goes down (open connections closed, new ones refused) and up on the same port', async () => {
    const client = await open();
    await client.roundTrip('x');
    const port = proxy.port;
    await proxy.down();
    await client.until(() => client.closed, 'the close');
    expect((await connectError(port))?.code).toBe('ECONNREFUSED');
    await proxy.up();
    expect(proxy.port).toBe(port);
    const next = await open();
    await next.roundTrip('back');
  });

  it('swallows traffic in blackhole mode until it passes again', async () => {
    const client = await open();
    proxy.blackhole();
    client.socket.write('lost');
    await new Promise((r) => setTimeout(r, 100));
    expect(client.received).toBe('');
    expect(proxy.stats.bytesUp).toBe(0);
    proxy.pass();
    await client.roundTrip('kept');
    expect(client.received).toBe('kept');
  });
});
