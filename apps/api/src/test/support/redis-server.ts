import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from '../test-database';

/** A private redis-server for tests that stop and start it (the shared one must stay up). */
export class TestRedis {
  private proc: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  /** Whether redis-server is installed (outside CI a test without it says so and does not run). */
  static available(): boolean {
    return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  }

  /** `describe`, or — outside CI, without redis-server — `describe.skip` with a warning. In CI it always runs. */
  static describe(): jest.Describe {
    if (TestRedis.available() || process.env['CI']) return describe;
    console.warn('redis-server is not installed: the Redis fault tests do not run (apt-get install redis-server)');
    return describe.skip;
  }

  static async start(): Promise<TestRedis> {
    const r = new TestRedis(await freePort());
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await this.answers()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  }

  /** SIGKILL: as abrupt as a crash. */
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
    this.proc = null;
  }

  private answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port: this.port }, () => s.write('PING\r\n'));
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      s.once('error', () => resolve(false));
    });
  }
}
