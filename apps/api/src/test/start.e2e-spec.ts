import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './test-database';

const root = join(__dirname, '../../../..');
const main = join(root, 'dist/apps/api/main.js');

/** Resolves when the process prints `text`, rejects when it exits first or the time runs out. */
let output = '';

function waitForOutput(child: ChildProcess, text: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${ms} ms:\n${seen}`)), ms);
    const onData = (d: Buffer) => {
      seen += d.toString();
      output = seen;
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${text}":\n${seen}`));
    });
  });
}

/**
 * Runs the built app exactly as `npm start` does, with no settings but a port and a data folder:
 * the embedded PostgreSQL starts, development secrets are generated, migrations run, the web app
 * is served, and a user can register and log in. Needs the build (the test target depends on it).
 */
describe('npm start, single node (e2e)', () => {
  let dir: string;
  let child: ChildProcess;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (nx run-many -t build)`);
    dir = mkdtempSync(join(tmpdir(), 'mozaic-start-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      MOZAIC_DATA_DIR: join(dir, '.mozaic'),
    };
    child = spawn(process.execPath, [main], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForOutput(child, 'MOZAIC is listening', 60_000);
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    const cluster = /data in ([^)\s]+)\)/.exec(output)?.[1];
    if (cluster && !cluster.startsWith(dir)) rmSync(cluster, { recursive: true, force: true });
  }, 30_000);

  it('registers and logs in on the embedded PostgreSQL', async () => {
    const health = await fetch(`${base}/api/v1/health`);
    expect(health.status).toBe(200);
    const body = JSON.stringify({
      email: 'first.user@example.com',
      password: 'correct horse battery',
    });
    const headers = { 'Content-Type': 'application/json' };
    expect(
      (
        await fetch(`${base}/api/v1/auth/register`, {
          method: 'POST',
          headers,
          body,
        })
      ).status,
    ).toBe(201);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers,
      body,
    });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { access_token: string }).access_token;
    const me = await fetch(`${base}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await me.json()) as { email: string }).email).toBe('first.user@example.com');
  });

  it('kept generated development secrets in the data folder, and serves the web app', async () => {
    expect(existsSync(join(dir, '.mozaic/secrets.json'))).toBe(true);
    // The cluster is under .mozaic/pg, or under /var/lib/mozaic when root cannot share the folder.
    expect(output).toMatch(/started the embedded PostgreSQL/);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<app-root');
  });
});
