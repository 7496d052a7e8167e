/**
 * Load from wrk (Debian's package), a C load generator: at thousands of requests per second it
 * needs a fraction of the CPU autocannon does, so on a two-core machine more of it is left to the
 * server being measured. Every request is a distinct delivery: bodies are JSON templates with
 * placeholders that a Lua script fills with a per-request number.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WRK_BIN = '/usr/bin/wrk';

/** A request shape: `{{n}}`, `{{n%50}}`, `{{n%300}}`, `{{n%500}}` in the path or body are filled per request. */
export interface WrkTemplate {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface WrkResult {
  /** Answers with a 2xx or 3xx status. */
  ok: number;
  /** Answers with another status. */
  non2xx: number;
  /** Connect / read / write errors and timeouts. */
  errors: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

export function wrkAvailable(): boolean {
  return existsSync(WRK_BIN);
}

const SLOT = /\{\{(n|n%50|n%300|n%500)\}\}/g;

/** A Lua expression that builds the string: literal parts and slot values, concatenated. */
function luaConcat(template: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of template.matchAll(SLOT)) {
    parts.push(luaString(template.slice(last, m.index)));
    parts.push(m[1] === 'n' ? 'tostring(n)' : `tostring(n % ${m[1].slice(2)})`);
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(luaString(template.slice(last)));
  return `table.concat({${parts.join(', ')}})`;
}

/** A quoted Lua string literal; control characters as decimal escapes. */
function luaString(s: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return `"${s.replace(/[\\"\x00-\x1f\x7f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\${String(c.charCodeAt(0)).padStart(3, '0')}`))}"`;
}

/** Lua for wrk: round-robin over the templates, numbers distinct across threads. */
export function wrkScript(templates: WrkTemplate[]): string {
  const builders = templates.map(
    (t, i) => `builders[${i + 1}] = function(n)
  return wrk.format("POST", ${luaConcat(t.path)}, ${luaTable(t.headers)}, ${luaConcat(t.body)})
end`,
  );
  return `
local builders = {}
${builders.join('\n')}
local threads = {}
local next_id = 1
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
local counter = 0
function request()
  counter = counter + 1
  local n = tid * 100000000 + counter
  return builders[(counter % #builders) + 1](n)
end
function done(summary, latency, requests)
  io.write(string.format('WRK_RESULT {"requests":%d,"duration_us":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
`;
}

function luaTable(headers: Record<string, string>): string {
  return `{${Object.entries(headers)
    .map(([k, v]) => `[ ${luaString(k)} ] = ${luaConcat(v)}`)
    .join(', ')}}`;
}

/** Runs wrk for `seconds` with `connections` over one thread against base (http://host:port). */
export async function runWrk(
  base: string,
  templates: WrkTemplate[],
  connections: number,
  seconds: number,
): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mozaic-wrk-'));
  const script = join(dir, 'load.lua');
  writeFileSync(script, wrkScript(templates));
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn(WRK_BIN, ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, base], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`wrk exited ${code}: ${stderr}`))));
    });
    const line = out.split('\n').find((l) => l.startsWith('WRK_RESULT '));
    if (!line) throw new Error(`wrk printed no result:\n${out}`);
    const r = JSON.parse(line.slice('WRK_RESULT '.length)) as Record<string, number>;
    const errors = r['connect'] + r['read'] + r['write'] + r['timeout'];
    return {
      ok: r['requests'] - r['status'],
      non2xx: r['status'],
      errors,
      seconds: r['duration_us'] / 1e6,
      p50Ms: Math.round(r['p50_us'] / 100) / 10,
      p99Ms: Math.round(r['p99_us'] / 100) / 10,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
