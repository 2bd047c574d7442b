import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * What the proxy does with traffic:
 * - `pass`: forwards both ways untouched;
 * - `latency`: forwards, each chunk held back `latencyMs` (order kept) in each direction;
 * - `blackhole`: accepts connections and swallows every byte (a network partition: the peer
 *   waits until its own timeout);
 * - `down`: the listening socket is closed (new connections are refused) and every open
 *   connection is closed, like a stopped server.
 */
export type FaultMode = 'pass' | 'latency' | 'blackhole' | 'down';

/** Counters for assertions and reports. */
export interface FaultProxyStats {
  /** Connections accepted since start. */
  accepted: number;
  /** Connections closed by down() or reset(). */
  cut: number;
  /** Bytes forwarded client → target and target → client. */
  bytesUp: number;
  bytesDown: number;
}

interface Link {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP fault proxy for chaos tests: listens on a free loopback port and forwards to a target
 * (PostgreSQL, Redis, a fake HTTP server). Faults switch at runtime, while the system under test
 * keeps its connections:
 *
 *   const proxy = await FaultProxy.start({ port: 6379 });
 *   env.REDIS_URL = proxy.rewrite('redis://127.0.0.1:6379');
 *   await proxy.down();  …  await proxy.up();   // outage and recovery
 *   proxy.reset();                              // RST on every open connection
 *   proxy.latency(800);  …  proxy.pass();
 */
export class FaultProxy {
  readonly stats: FaultProxyStats = { accepted: 0, cut: 0, bytesUp: 0, bytesDown: 0 };
  private readonly links = new Set<Link>();
  private modeValue: FaultMode = 'pass';
  private latencyMs = 0;
  private server: Server | undefined;
  private portValue = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  /** Starts forwarding to `target` (host defaults to 127.0.0.1) on a free port, or on `port`. */
  static async start(target: { host?: string; port: number }, port = 0): Promise<FaultProxy> {
    const proxy = new FaultProxy({ host: target.host ?? '127.0.0.1', port: target.port });
    await proxy.listen(port);
    return proxy;
  }

  /** Starts in front of the host and port of a URL (redis://, postgres://, http://). */
  static forUrl(url: string): Promise<FaultProxy> {
    const parsed = new URL(url);
    return FaultProxy.start({ host: parsed.hostname, port: Number(parsed.port) });
  }

  get port(): number {
    return this.portValue;
  }

  get mode(): FaultMode {
    return this.modeValue;
  }

  /** Open connections right now. */
  get connections(): number {
    return this.links.size;
  }

  /** The same URL with host and port replaced by the proxy's (credentials, path, query kept). */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    const rewritten = parsed.toString();
    // URL adds a "/" path to http URLs; keep the caller's form (LLM_BASE_URL has no trailing slash).
    return rewritten.endsWith('/') && !url.endsWith('/') ? rewritten.slice(0, -1) : rewritten;
  }

  pass(): void {
    this.modeValue = 'pass';
    this.latencyMs = 0;
  }

  /** Adds `ms` to every chunk in each direction, on open and new connections. */
  latency(ms: number): void {
    this.modeValue = 'latency';
    this.latencyMs = ms;
  }

  blackhole(): void {
    this.modeValue = 'blackhole';
  }

  /** Sends RST on every open connection (both sides); new connections are accepted as before. */
  reset(): number {
    const count = this.links.size;
    for (const link of [...this.links]) {
      this.cut(link, true);
    }
    return count;
  }

  /** Refuses new connections (the port is closed) and closes the open ones. */
  async down(): Promise<void> {
    if (this.modeValue === 'down') {
      return;
    }
    this.modeValue = 'down';
    const server = this.server;
    this.server = undefined;
    for (const link of [...this.links]) {
      this.cut(link, false);
    }
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Listens again on the same port and forwards (`pass`). */
  async up(): Promise<void> {
    if (this.modeValue === 'down') {
      await this.listen(this.port);
    }
    this.pass();
  }

  /** Closes everything; the proxy cannot be used afterwards. */
  async stop(): Promise<void> {
    await this.down();
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.portValue = (server.address() as { port: number }).port;
    this.modeValue = 'pass';
  }

  private accept(client: Socket): void {
    this.stats.accepted += 1;
    const upstream = createConnection(this.target);
    const link: Link = { client, upstream };
    this.links.add(link);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.forward(client, upstream, (n) => (this.stats.bytesUp += n));
    this.forward(upstream, client, (n) => (this.stats.bytesDown += n));
    // Whichever side ends or fails first takes the other with it, like a real hop would.
    const close = (): void => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
    }
  }

  /** Copies `from` into `to`, applying the current mode to each chunk as it arrives. */
  private forward(from: Socket, to: Socket, count: (bytes: number) => void): void {
    // Chunks held back by latency, released in order: a later chunk never overtakes one before it.
    const held: { chunk: Buffer; at: number }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const write = (chunk: Buffer): void => {
      if (to.destroyed) {
        return;
      }
      count(chunk.length);
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    };
    const release = (): void => {
      timer = undefined;
      const now = Date.now();
      while (held.length > 0 && held[0].at <= now) {
        write(held.shift()!.chunk);
      }
      if (held.length > 0) {
        timer = setTimeout(release, held[0].at - now);
      }
    };
    from.on('data', (chunk: Buffer) => {
      switch (this.modeValue) {
        case 'blackhole':
        case 'down':
          return;
        case 'latency':
          held.push({ chunk, at: Date.now() + this.latencyMs });
          timer ??= setTimeout(release, this.latencyMs);
          return;
        case 'pass':
          if (held.length > 0) {
            held.push({ chunk, at: 0 });
            return;
          }
          write(chunk);
          return;
      }
    });
    from.on('close', () => clearTimeout(timer));
  }

  private cut(link: Link, reset: boolean): void {
    this.links.delete(link);
    this.stats.cut += 1;
    for (const socket of [link.client, link.upstream]) {
      if (socket.destroyed) {
        continue;
      }
      if (reset) {
        // RST at once, or as soon as a still-connecting upstream connects.
        socket.resetAndDestroy();
      } else {
        socket.destroy();
      }
    }
  }
}
