/**
 * What the benchmarks share: a scratch database on DATABASE_URL's server, the built MOZAIC
 * processes (dist/apps/api/main.js, worker.js) started on it, and JSON calls to its API.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

const root = join(__dirname, '../../..');

/** Settings every benchmark app gets (throwaway secrets; logs only errors). */
export const BENCH_ENV = {
  SECRET_KEY: 'bench-secret-key-0123456789-0123456789',
  ENCRYPTION_KEY: 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
  LOG_LEVEL: 'error',
  REGISTER_RATE_LIMIT_PER_IP: '100000',
  CONNECTION_TEST_RATE_LIMIT_PER_USER: '100000',
  CONNECTION_TEST_RATE_LIMIT_PER_IP: '100000',
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ScratchDatabase {
  url: string;
  /** Drops the database (unless keep) and closes the admin connection. */
  close(keep?: boolean): Promise<void>;
}

/** A new, empty database named `<prefix>_<time>` beside adminUrl's. */
export async function scratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    close: async (keep = false) => {
      if (!keep) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Starts a built entry point (main.js or worker.js) with the given environment and node flags. */
export function startBuilt(entry: 'main.js' | 'worker.js', env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
  return spawn(process.execPath, [...nodeArgs, join(root, 'dist/apps/api', entry)], {
    env: { ...process.env, ...BENCH_ENV, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Waits until url answers 2xx (up to 30 s). */
export async function waitUntilUp(url: string, what: string): Promise<void> {
  for (let i = 0; ; i++) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    if (i > 150) throw new Error(`${what} did not start`);
    await sleep(200);
  }
}

/** SIGTERM, then waits for the exit. */
export async function stopProcess(p: ChildProcess | undefined): Promise<void> {
  if (!p || p.exitCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await exited;
}

/** A JSON call to the API under test; anything but 2xx throws with the answer. */
export async function callApi(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the API under test
): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
