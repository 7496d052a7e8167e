import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of a server, to fake its failures at the wire: `down` drops every connection
 * and refuses new ones; `freeze` keeps connections open but passes nothing (like a SIGSTOPped server).
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private mode: 'up' | 'down' | 'frozen' = 'up';

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const holder: { proxy?: TcpProxy } = {};
    const server = createServer((client) => {
      const p = holder.proxy as TcpProxy;
      if (p.mode === 'down') return client.destroy();
      p.track(client);
      if (p.mode === 'frozen') return client.pause();
      const upstream = createConnection({ host: targetHost, port: targetPort });
      p.track(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    holder.proxy = new TcpProxy(server, (server.address() as { port: number }).port);
    return holder.proxy;
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
  }

  down(): void {
    this.mode = 'down';
    for (const s of this.sockets) s.destroy();
  }

  freeze(): void {
    this.mode = 'frozen';
    for (const s of this.sockets) s.pause();
  }

  /** Back to forwarding; frozen connections are dropped (their state is lost), new ones work. */
  up(): void {
    this.mode = 'up';
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.down();
    await new Promise((r) => this.server.close(r));
  }
}
