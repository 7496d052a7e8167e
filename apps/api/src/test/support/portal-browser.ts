import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../test-app';

const CHROMIUM = '/usr/bin/chromium';
const root = join(__dirname, '../../../../..');
const WEB = join(root, 'dist/apps/web/browser');
const SHOTS = join(root, 'dist/e2e-screenshots');

/** `describe` where Debian's Chromium is installed; elsewhere the browser tests say so and do not run. */
export function browserDescribe(): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.warn(`${CHROMIUM} missing: the browser e2e tests do not run (apt-get install chromium)`);
  return describe.skip;
}

/** The real app serving the built portal, and a Chromium page on it (playwright-core, never a downloaded browser). */
export interface Portal {
  t: TestApp;
  base: string;
  page: Page;
  /** Signs in through the login page. */
  signIn(on: Page, who: { email: string; password: string }): Promise<void>;
  /** A full-page screenshot into dist/e2e-screenshots/. */
  shot(name: string): Promise<unknown>;
  browser: BrowserContext;
  close(): Promise<void>;
}

export async function openPortal(env: Record<string, string> = {}): Promise<Portal> {
  if (!existsSync(join(WEB, 'index.html'))) throw new Error(`${WEB} is missing: build web first`);
  mkdirSync(SHOTS, { recursive: true });
  const t = await createTestApp({ WEB_DIST: WEB, ...env });
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const profile = mkdtempSync(join(tmpdir(), 'mozaic-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1280, height: 900 },
  });
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = browser.pages()[0] ?? (await browser.newPage());
  return {
    t,
    base,
    page,
    browser,
    signIn: async (on, who) => {
      await on.goto(`${base}/login`);
      await on.getByLabel('Email').fill(who.email);
      await on.getByLabel('Password').fill(who.password);
      await on.getByRole('button', { name: 'Sign in' }).click();
      await on.getByRole('heading', { name: 'Projects' }).waitFor();
    },
    shot: (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }),
    close: async () => {
      await browser.close();
      await t.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
