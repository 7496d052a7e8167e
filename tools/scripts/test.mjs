#!/usr/bin/env node
// The README's test command: lint, type-check (tests included), build and every test of every project, then one closing line
// "Summary: N passed, N failed, N skipped". Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const results = join(root, 'dist/test-results');
rmSync(results, { recursive: true, force: true });

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
if (process.env.CI) {
  for (const name of ['DATABASE_URL', 'REDIS_URL']) {
    if (!process.env[name]) {
      console.error(`CI needs ${name}: no test may be skipped for lack of a service.`);
      process.exit(2);
    }
  }
}

const args = [
  'nx',
  'run-many',
  '-t',
  'lint',
  'typecheck',
  'build',
  'test',
  '--parallel=2',
  '--outputStyle=stream',
  '--skip-nx-cache',
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { cwd: root, env, stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
let projects = 0;
if (existsSync(results)) {
  for (const f of readdirSync(results)) {
    const r = JSON.parse(readFileSync(join(results, f), 'utf8'));
    passed += r.passed;
    failed += r.failed + r.runtimeErrorSuites;
    skipped += r.skipped;
    projects++;
  }
}
const code = run.status ?? 1;
if (code !== 0 && failed === 0) failed = 1; // a build, lint or setup failure counts as a failure
console.log(`\nTest projects run: ${projects}`);
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code);
