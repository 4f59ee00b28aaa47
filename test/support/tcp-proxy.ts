import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1:`port` spreading connections round-robin over `backends` (ports on
 * 127.0.0.1), as a Kubernetes Service spreads them over its endpoints: a backend refusing the
 * connection (gone) is skipped. `cut()` drops every connection and stops listening — the network
 * between the two sides is gone — and `restore()` listens again.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private next = 0;

  constructor(
    readonly port: number,
    private readonly backends: readonly number[],
  ) {}

  /** Listens (again). */
  restore(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Stops listening and drops every connection now. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.sockets.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private accept(client: Socket): void {
    this.track(client);
    client.pause();
    client.on('error', () => client.destroy());
    const tryBackend = (left: number) => {
      const backend = this.backends[this.next++ % this.backends.length] as number;
      const upstream = connect({ host: '127.0.0.1', port: backend });
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        this.track(upstream);
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.on('error', () => {
        if (!connected && left > 1 && !client.destroyed) {
          tryBackend(left - 1);
        } else {
          upstream.destroy();
          client.destroy();
        }
      });
    };
    tryBackend(this.backends.length);
  }
}
