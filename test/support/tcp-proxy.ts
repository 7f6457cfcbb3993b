import { Server, Socket, connect, createServer } from 'node:net';

/**
 * A loopback TCP proxy in front of PostgreSQL that a test can cut, as a network fault would:
 * `reset` destroys every open connection and accepts new ones only to drop them; `refuse` also stops
 * listening, so connects are refused. `restore` forwards again on the same port.
 */
export class CuttableProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private mode: 'open' | 'reset' | 'refuse' = 'open';
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await this.listen(0);
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  cut(mode: 'reset' | 'refuse'): void {
    this.mode = mode;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (mode === 'refuse' && this.server.listening) this.server.close();
  }

  async restore(): Promise<void> {
    this.mode = 'open';
    if (!this.server.listening) await this.listen(this.port);
  }

  async stop(): Promise<void> {
    this.cut('refuse');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    if (this.mode !== 'open') {
      client.destroy();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
