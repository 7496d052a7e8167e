import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../test-database';
import { TEST_ENCRYPTION_KEY, TEST_SECRET_KEY, testRedisPrefix } from '../test-app';

const dist = join(__dirname, '../../../../../dist/apps/api');

/** A built MOZAIC process (main.js or worker.js) on the test database, as production runs it. */
export class BuiltProcess {
  private log = '';
  private constructor(private readonly child: ChildProcess) {
    const keep = (d: Buffer) => (this.log = (this.log + d.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static spawn(entry: 'main.js' | 'worker.js', env: Record<string, string>): BuiltProcess {
    const file = join(dist, entry);
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (nx build api)`);
    const child = spawn(process.execPath, [file], {
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: process.env['TEST_DATABASE_URL'] ?? '',
        SECRET_KEY: TEST_SECRET_KEY,
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        LOG_LEVEL: 'warn',
        REGISTER_RATE_LIMIT_PER_IP: '100000',
        REDIS_PREFIX: testRedisPrefix(),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new BuiltProcess(child);
  }

  /** Starts main.js on a free port and waits until it answers its health check. */
  static async api(env: Record<string, string>): Promise<{ process: BuiltProcess; base: string }> {
    const port = await freePort();
    const p = BuiltProcess.spawn('main.js', { HOST: '127.0.0.1', PORT: String(port), ...env });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/api/v1/health`).catch(() => null))?.status) return { process: p, base };
      if (p.child.exitCode !== null || i > 300) throw new Error(`the api did not start:\n${p.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  get output(): string {
    return this.log;
  }

  /** Stops the process; one that ignores SIGTERM for 10 s is killed (and that is an error). */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    if (signal === 'SIGTERM' && this.child.signalCode === 'SIGKILL')
      throw new Error(`the process did not stop on SIGTERM:\n${this.log}`);
  }
}

/** A JSON POST to a running api; anything but 2xx throws with the answer. */
export async function postJson(
  base: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<Record<string, string>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

export interface ApiProject {
  id: string;
  token: string;
  email: string;
  password: string;
  access: string;
}

/** A user, a project and its webhook token on a running api, through its HTTP API. */
export async function projectWithToken(base: string, tag: string): Promise<ApiProject> {
  const creds = { email: `${tag}-${Date.now()}@example.com`, password: 'a long enough password' };
  await postJson(base, '/api/v1/auth/register', creds);
  const access = (await postJson(base, '/api/v1/auth/login', creds)).access_token;
  const id = (await postJson(base, '/api/v1/projects', { name: tag }, access)).id;
  const token = (await postJson(base, `/api/v1/projects/${id}/webhooks/token`, {}, access)).token;
  return { id, token, ...creds, access };
}
