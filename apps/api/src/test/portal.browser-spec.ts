import { BrowserContext, Page } from 'playwright-core';
import { fixture, fixtureText } from './support/fixtures';
import { FakeApi } from './support/fake-api';
import { postJson, projectWithToken } from './support/built-app';
import { browserDescribe, openPortal, Portal } from './support/portal-browser';
import { uniqueEmail } from './test-app';

/**
 * The portal in a real browser (Debian's Chromium through playwright-core) against the real API on
 * PostgreSQL: register → project → connect an account → a webhook arrives → the incident appears
 * without a reload → its page shows the timeline and the explanation → resolve it. Screenshots of
 * each page go to dist/e2e-screenshots/. Notifications and noise control: portal-noise.browser-spec.ts.
 */
browserDescribe()('portal in Chromium (e2e)', () => {
  let portal: Portal;
  let base: string;
  let grafana: FakeApi;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    grafana = await FakeApi.start((req) =>
      req.url.pathname.endsWith('/rules')
        ? { body: fixture('grafana/grafana-prometheus-compat-rules.grafana-tests.json') }
        : { body: [] },
    );
    portal = await openPortal();
    ({ base, browser, page } = portal);
  }, 60_000);

  afterAll(async () => {
    await portal?.close();
    await grafana?.close();
  });

  const signIn = (on: Page, who: { email: string; password: string }) => portal.signIn(on, who);
  const shot = (name: string) => portal.shot(name);

  it('takes a new user from registering to a resolved incident', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login\?returnUrl=/);
    await shot('01-login');

    await page.getByRole('tab', { name: 'Register' }).click();
    await page.getByLabel('Email').fill(uniqueEmail('portal'));
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();

    await page.getByLabel('New project name').fill('checkout');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('link', { name: 'checkout' }).waitFor();
    await shot('02-projects');
    await page.getByRole('link', { name: 'checkout' }).click();
    await page.waitForURL(/\/project\/[0-9a-f-]{36}$/);
    const projectId = page.url().split('/').pop() as string;
    await page.getByText('No incidents yet').waitFor();

    await page.getByRole('link', { name: 'Connect an account' }).click();
    await page.getByRole('radio', { name: 'grafana' }).click();
    await page.getByLabel('Grafana URL *').fill(grafana.url);
    await page.getByLabel('Service-account token *').fill('glsa_portal-token-0123456789');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connection works: 1 alert rules, 0 firing').waitFor();
    await shot('03-connect');
    await page.getByRole('button', { name: 'Save account' }).click();
    await page.waitForURL(new RegExp(`/project/${projectId}$`));
    await page.locator('app-accounts-panel .badge[data-kind="active"]').waitFor();

    await page.getByRole('button', { name: 'Generate a token' }).click();
    const token = ((await page.getByRole('status').locator('code').textContent()) ?? '').trim();
    expect(token).toMatch(/^mzk_/);

    // An Alertmanager delivery arrives while the page is open: the incident shows up without a reload.
    const res = await fetch(`${base}/webhooks/alertmanager/${projectId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: fixtureText('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json'),
    });
    expect(res.status).toBe(202);
    const link = page.locator('[data-testid="incident-list"] a').first();
    await link.waitFor({ timeout: 15_000 });
    await shot('04-project');

    await link.click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="timeline"] circle').first().waitFor();
    expect(await page.locator('[data-testid="explanation"] li').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Show raw payloads' }).click();
    await shot('05-incident');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.locator('.badge[data-kind="resolved"]').first().waitFor();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();

    // A phone-width view and the dark theme.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
    await shot('06-incident-phone-theme');

    // A reload keeps the session (refresh cookie), with no token in storage.
    await page.reload();
    await page.locator('[data-testid="timeline"]').waitFor();
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ|mzk_/);
  }, 120_000);

  it('corrects a grouping from the incident page: merge into another incident', async () => {
    const p = await projectWithToken(base, 'portal-fix');
    const delivery = fixture<{ alerts: Array<Record<string, unknown>> }>(
      'grafana/alertmanager-webhook-v4-firing.zulip-fixture.json',
    );
    const now = new Date().toISOString();
    for (const [service, fp] of [
      ['ledger', 'f1f1f1f1f1f1f1f1'],
      ['payments-api', 'f2f2f2f2f2f2f2f2'],
    ]) {
      const body = {
        ...delivery,
        alerts: [
          {
            ...delivery.alerts[0],
            fingerprint: fp,
            startsAt: now,
            labels: { alertname: `${service} errors`, service, severity: 'warning' },
          },
        ],
      };
      await postJson(base, `/webhooks/alertmanager/${p.id}`, body, p.token);
    }

    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, p);
    await page.goto(`${base}/project/${p.id}`);
    const links = page.locator('[data-testid="incident-list"] a');
    await links.nth(1).waitFor({ timeout: 15_000 });
    await links.first().click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const first = page.url().split('/').pop();
    const into = page.locator('[data-testid="merge-into"]');
    await into.locator('option').nth(1).waitFor({ state: 'attached' });
    await into.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(first as string));
    await page
      .locator('[data-testid="explanation"]')
      .getByText(new RegExp(`merged by ${p.email}`))
      .waitFor();
    expect(await page.locator('[data-testid="explanation"] li').count()).toBe(2);
    await shot('07-incident-merged');
  }, 60_000);

  it('renames a project in place and skips to the content of the page it is on', async () => {
    await signIn(page, await projectWithToken(base, 'portal-rename'));
    await page.getByLabel('New project name').fill('before');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('link', { name: 'before' }).waitFor();

    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.locator('li.card', { hasText: 'before' }).getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: 'Project name', exact: true }).fill('after');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'after' }).waitFor();
    expect(loads).toEqual([]); // no native submit, no reload
    await page.reload();
    await page.getByRole('link', { name: 'after' }).waitFor();

    // "Skip to content" moves focus to the page's content, and stays on the page.
    await page.getByRole('link', { name: 'after' }).click();
    await page.waitForURL(/\/project\/[0-9a-f-]{36}$/);
    const here = page.url();
    await page.keyboard.press('Tab');
    await page.getByRole('link', { name: 'Skip to content' }).press('Enter');
    expect(page.url()).toBe(here);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  }, 60_000);

  it('keeps the incident page live: relative times move on, and changes appear without a reload', async () => {
    const p = await projectWithToken(base, 'portal-live');
    const delivery = fixture<{ alerts: Array<Record<string, unknown>> }>(
      'grafana/alertmanager-webhook-v4-firing.zulip-fixture.json',
    );
    const send = (fp: string, alertname: string) =>
      postJson(
        base,
        `/webhooks/alertmanager/${p.id}`,
        {
          ...delivery,
          alerts: [
            {
              ...delivery.alerts[0],
              fingerprint: fp,
              startsAt: new Date().toISOString(),
              labels: { alertname, service: 'ledger', severity: 'warning' },
            },
          ],
        },
        p.token,
      );
    await send('a1a1a1a1a1a1a1a1', 'ledger errors');

    const live = await browser.newPage();
    try {
      await live.clock.install();
      await signIn(live, p);
      await live.goto(`${base}/project/${p.id}`);
      await live.locator('[data-testid="incident-list"] a').first().click();
      await live.getByText(/started just now/).waitFor();
      await live.clock.fastForward('03:00');
      await live.getByText(/started 3 min ago/).waitFor();

      // A second alert of the same service joins while the page is open.
      await send('b2b2b2b2b2b2b2b2', 'ledger latency');
      await live.locator('[data-testid="explanation"] li').nth(1).waitFor({ timeout: 15_000 });
    } finally {
      await live.close();
    }
  }, 60_000);

  it('asks before replacing the webhook token, and keeps the old one working for the overlap', async () => {
    const p = await projectWithToken(base, 'portal-token');
    await signIn(page, p);
    await page.goto(`${base}/project/${p.id}`);
    await page.getByRole('button', { name: 'Generate a new token' }).click();
    // One click only asks: nothing changed yet.
    const group = page.getByRole('group', { name: 'Replace the webhook token' });
    await group.waitFor();
    await group.getByRole('button', { name: 'Replace the token' }).click();
    const fresh = ((await page.getByRole('status').locator('code').textContent()) ?? '').trim();
    expect(fresh).toMatch(/^mzk_/);
    expect(fresh).not.toBe(p.token);
    await page.getByText(/The previous token works until/).waitFor();
    const delivery = fixture<Record<string, unknown>>('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
    for (const token of [p.token, fresh]) {
      const res = await fetch(`${base}/webhooks/alertmanager/${p.id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ ...delivery, groupKey: token.slice(-8) }),
      });
      expect(res.status).toBe(202);
    }
  }, 60_000);

  it('tells the truth on small things: the live state, counts in the singular, titles that name the page', async () => {
    const p = await projectWithToken(base, 'portal-small');
    const one = fixture<{ alerts: unknown[] }>('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
    await postJson(base, `/webhooks/alertmanager/${p.id}`, { ...one, alerts: one.alerts.slice(0, 1) }, p.token);
    const probe = await browser.newPage();
    try {
      await signIn(probe, p);
      // The stream refused: the list must not claim to be live.
      await probe.route('**/api/v1/incidents/stream**', (r) => r.abort());
      await probe.goto(`${base}/project/${p.id}`);
      await probe.getByText('reconnecting…').waitFor();
      expect(await probe.getByText('● live').count()).toBe(0);
      await probe.unroute('**/api/v1/incidents/stream**');
      await probe.getByText('● live').waitFor({ timeout: 15_000 });

      const link = probe.locator('[data-testid="incident-list"] a').first();
      await link.waitFor({ timeout: 15_000 });
      await probe.getByText(/^\s*1 alert · 1 signal\s*$/).waitFor();
      await link.click();
      await probe.waitForURL(/\/incidents\//);
      await probe.getByRole('heading', { level: 1 }).waitFor();
      expect(await probe.title()).toBe(`${await probe.getByRole('heading', { level: 1 }).textContent()} · MOZAIC`);
      await probe.goto(`${base}/project/${p.id}`);
      await probe.getByRole('heading', { name: 'portal-small' }).waitFor();
      expect(await probe.title()).toBe('portal-small · MOZAIC');
    } finally {
      await probe.close();
    }
  }, 60_000);

  it('stores an account whose test fails once, shows it with its reason, and deletes it on request', async () => {
    const p = await projectWithToken(base, 'portal-accounts');
    await signIn(page, p);
    await page.goto(`${base}/project/${p.id}/connect`);
    await page.getByRole('radio', { name: 'grafana' }).click();
    await page.getByLabel('Grafana URL *').fill('http://127.0.0.1:1');
    await page.getByLabel('Service-account token *').fill('glsa_broken-token-0123456789');
    await page.getByRole('button', { name: 'Save account' }).click();
    // Stored (in error): the project page shows it with the reason — no second Save to make a duplicate.
    await page.waitForURL(new RegExp(`/project/${p.id}$`));
    const rows = page.locator('app-accounts-panel tbody tr');
    await rows.first().locator('.badge[data-kind="error"]').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('.field-error').textContent()).toMatch(/\S/);

    await rows.first().getByRole('button', { name: 'Delete' }).click();
    await rows.first().getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('No account connected').waitFor();
  }, 60_000);

  it('forgets what no longer applies: a login error on Register, a name for another source; focus follows the page', async () => {
    const p = await projectWithToken(base, 'portal-forget');
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${base}/login`);
      await fresh.getByLabel('Email').fill(p.email);
      await fresh.getByLabel('Password').fill('not the password at all');
      await fresh.getByRole('button', { name: 'Sign in' }).click();
      await fresh.getByRole('alert').waitFor();
      await fresh.getByRole('tab', { name: 'Register' }).click();
      await fresh.getByRole('alert').waitFor({ state: 'detached', timeout: 5_000 });

      await signIn(fresh, p);
      await fresh.getByRole('link', { name: 'portal-forget' }).click();
      await fresh.waitForURL(/\/project\//);
      await fresh.waitForFunction(() => document.activeElement?.id === 'main');

      await fresh.goto(`${base}/project/${p.id}/connect`);
      await fresh.getByRole('radio', { name: 'grafana' }).click();
      await fresh.getByLabel('Grafana URL *').waitFor();
      await fresh.locator('#acct-name').fill('grafana eu');
      await fresh.getByRole('radio', { name: 'sentry' }).click();
      await fresh.waitForFunction(
        () => (document.getElementById('acct-name') as HTMLInputElement | null)?.value === '',
        null,
        {
          timeout: 5_000,
        },
      );
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
