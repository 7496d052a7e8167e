/**
 * npm run bench:web
 *
 * The portal's weight and speed: the initial JavaScript of the production build (dist/apps/web/browser,
 * `nx build web` first) raw and gzip-compressed (goal ≤ 200 kB gzip), then the built MOZAIC
 * (dist/apps/api/main.js) on a fresh database and Debian's Chromium on loopback: after signing in once,
 * the time from navigating to a project's page until its incident list is rendered (median of 7 loads).
 * Ends with `initial_js_gzip_kb=<n> first_list_ms=<n>`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { callApi, scratchDatabase, sleep, startBuilt, stopProcess, waitUntilUp } from './support/built-app';

const root = join(__dirname, '../..');
const web = join(root, 'dist/apps/web/browser');
const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const port = 4100 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

function initialScripts(): string[] {
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) files.add(m[1]);
  return [...files];
}

const post = (path: string, body: unknown, token?: string) => callApi(base, 'POST', path, body, token);

async function main(): Promise<void> {
  const files = initialScripts();
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(join(web, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  console.log(
    `initial JavaScript: ${files.length} files, ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzip`,
  );

  const db = await scratchDatabase(adminUrl, 'mozaic_web');
  const app = startBuilt('main.js', { DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1' });
  const profile = mkdtempSync(join(tmpdir(), 'mozaic-bench-web-'));
  try {
    await waitUntilUp(`${base}/api/v1/health`, 'MOZAIC');
    const creds = { email: 'web@example.com', password: 'bench password 123' };
    await post('/api/v1/auth/register', creds);
    const access = (await post('/api/v1/auth/login', creds)).access_token;
    const projectId = (await post('/api/v1/projects', { name: 'web-bench' }, access)).id;
    const token = (await post(`/api/v1/projects/${projectId}/webhooks/token`, {}, access)).token;
    const am = JSON.parse(
      readFileSync(join(root, 'tools/fixtures/grafana/alertmanager-webhook-v4-firing.zulip-fixture.json'), 'utf8'),
    );
    for (let i = 0; i < 30; i++)
      await post(
        `/webhooks/alertmanager/${projectId}`,
        {
          ...am,
          groupKey: `g${i}`,
          alerts: am.alerts.map((a: Record<string, unknown>) => ({
            ...a,
            fingerprint: `f${i}`,
            labels: { alertname: `Bench ${i}`, host: `node-${i}` },
          })),
        },
        token,
      );
    await sleep(2000);

    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(creds.email);
    await page.getByLabel('Password').fill(creds.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = Date.now();
      await page.goto(`${base}/project/${projectId}`);
      await page.locator('[data-testid="incident-list"] tbody tr').first().waitFor();
      times.push(Date.now() - start);
    }
    await browser.close();
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(
      `first rendered incident list (full page load, session renewed by cookie): median ${median} ms of ${times.join(', ')} ms`,
    );
    console.log(`initial_js_gzip_kb=${(gz / 1024).toFixed(1)} first_list_ms=${median}`);
  } finally {
    await stopProcess(app);
    rmSync(profile, { recursive: true, force: true });
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
