import { Page } from 'playwright-core';
import { fixture } from './support/fixtures';
import { postJson, projectWithToken } from './support/built-app';
import { browserDescribe, openPortal, Portal } from './support/portal-browser';
import { Receivers } from './support/receivers';

/**
 * Notifications and noise control in a real browser (Debian's Chromium): a channel, its test, a
 * route and the delivery log; silencing an incident from its page; maintenance windows and
 * inhibition presets on the project page.
 */
browserDescribe()('portal in Chromium: notifications and noise control (e2e)', () => {
  let portal: Portal;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    portal = await openPortal();
    ({ base, page } = portal);
  }, 60_000);

  afterAll(async () => {
    await portal?.close();
  });

  const signIn = (on: Page, who: { email: string; password: string }) => portal.signIn(on, who);
  const shot = (name: string) => portal.shot(name);

  it('sets up notifications in the portal: a channel, its test, a route, and the log of what was sent', async () => {
    const rx = new Receivers();
    await rx.start();
    try {
      const p = await projectWithToken(base, 'portal-notify');
      await signIn(page, p);
      await page.goto(`${base}/project/${p.id}`);
      await page.getByRole('link', { name: /Notifications/ }).click();
      await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
      await page.getByText('No channel yet').waitFor();

      const add = page.getByRole('form', { name: 'Add a channel' });
      await add.getByLabel('Type').selectOption('webhook');
      await add.getByLabel('Name').fill('on-call hook');
      await add.getByLabel('URL').fill(`${rx.base}/hook/portal-secret-path`);
      await add.getByRole('button', { name: 'Add channel' }).click();
      await page.getByText(/Signing secret \(shown once/).waitFor();
      const row = page.getByRole('row', { name: /on-call hook/ });
      await row.waitFor();
      expect(await row.textContent()).not.toContain('portal-secret-path'); // the URL is a secret: masked

      await row.getByRole('button', { name: 'Send a test message to on-call hook' }).click();
      await row.getByText('OK (200): thanks').waitFor();
      expect(rx.at('/hook/portal-secret-path')[0].body.incident.title).toContain('MOZAIC test notification');

      const route = page.getByRole('form', { name: 'Add a route' });
      await route.getByLabel('Name').fill('everything');
      await route.getByLabel('Matchers').fill('service=~"pay(.*"');
      await route.getByLabel('on-call hook').check();
      await route.getByLabel('Default route').check();
      await route.getByRole('button', { name: 'Add route' }).click();
      await page.getByText(/not a valid RE2 expression/).waitFor(); // the API's message, shown as it is
      await route.getByLabel('Matchers').fill('service=~"pay.*"');
      await route.getByRole('button', { name: 'Add route' }).click();
      await page.getByRole('listitem').filter({ hasText: 'everything (default)' }).waitFor();
      await shot('12-notifications');

      const delivery = fixture<{ alerts: Array<Record<string, unknown>> }>(
        'grafana/alertmanager-webhook-v4-firing.zulip-fixture.json',
      );
      const alert = { ...delivery.alerts[0], fingerprint: 'abab0000abab0000', startsAt: new Date().toISOString() };
      await postJson(
        base,
        `/webhooks/alertmanager/${p.id}`,
        {
          ...delivery,
          alerts: [{ ...alert, labels: { alertname: 'PaymentsDown', service: 'payments', severity: 'critical' } }],
        },
        p.token,
      );
      const log = page.getByRole('table', { name: 'Notifications' });
      for (let i = 0; i < 100 && !(await log.getByText('sent').count()); i++) {
        await page.getByRole('button', { name: 'Refresh' }).click();
        await page.waitForTimeout(200);
      }
      await log.getByRole('row', { name: /opened.*on-call hook.*sent.*200: thanks/ }).waitFor();

      // The incident page lists what was sent for it.
      await page.goto(`${base}/project/${p.id}`);
      await page.locator('[data-testid="incident-list"] a').first().click();
      await page.getByRole('heading', { name: 'Notifications' }).waitFor();
      await page
        .getByRole('table', { name: 'Notifications' })
        .getByRole('row', { name: /opened.*on-call hook.*sent/ })
        .waitFor();
      await shot('13-incident-notifications');
    } finally {
      await rx.stop();
    }
  }, 60_000);
  it('silences an incident from its page: matchers from its alerts, a preview, then it is hidden and quiet', async () => {
    const p = await projectWithToken(base, 'portal-silence');
    const delivery = fixture<{ alerts: Array<Record<string, unknown>> }>(
      'grafana/alertmanager-webhook-v4-firing.zulip-fixture.json',
    );
    const alert = {
      ...delivery.alerts[0],
      fingerprint: 'cdcd0000cdcd0000',
      startsAt: new Date().toISOString(),
      labels: { alertname: 'DiskFull', service: 'files', severity: 'warning' },
    };
    await postJson(base, `/webhooks/alertmanager/${p.id}`, { ...delivery, alerts: [alert] }, p.token);
    await signIn(page, p);
    await page.goto(`${base}/project/${p.id}`);
    await page.locator('[data-testid="incident-list"] a').first().click();
    await page.getByRole('button', { name: 'Silence…' }).click();
    const form = page.getByRole('form', { name: 'Silence' });
    expect(await form.getByLabel('Matchers').inputValue()).toBe('alertname="DiskFull", service="files"');
    await form.getByText('Would silence 1 firing alert now').waitFor();
    await form.getByLabel('Matchers').fill('service="nothing-here"');
    await form.getByText('Would silence 0 firing alerts now').waitFor();
    await form.getByLabel('Matchers').fill('alertname="DiskFull", service="files"');
    await form.getByLabel('For').selectOption('4');
    await form.getByLabel('Comment').fill('disk being replaced');
    await form.getByRole('button', { name: 'Create silence' }).click();
    await page.locator('.badge[data-kind="silenced"]').waitFor();
    await shot('14-incident-silenced');

    // The project page lists the silence and no longer lists the incident, unless asked for.
    await page.goto(`${base}/project/${p.id}`);
    await page.getByRole('table', { name: 'Silences' }).getByText('disk being replaced').waitFor();
    await page.getByText('No incidents yet').waitFor();
    await page.getByLabel('Silenced').selectOption('true');
    await page.locator('[data-testid="incident-list"] a').first().waitFor();
    await page.getByRole('table', { name: 'Silences' }).getByRole('button', { name: 'Expire' }).click();
    await page.getByText('No silence.').waitFor();
  }, 60_000);
  it('schedules a maintenance window and switches on an inhibition preset from the project page', async () => {
    const p = await projectWithToken(base, 'portal-maintenance');
    await signIn(page, p);
    await page.goto(`${base}/project/${p.id}`);
    const form = page.getByRole('form', { name: 'Add a maintenance window' });
    await form.getByLabel('Name').fill('weekly db work');
    await form.getByLabel('Starts (local)').fill('2030-01-06T02:00');
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByLabel('Minutes').fill('120');
    await form.getByLabel('Repeat').selectOption('weekly');
    await form.getByLabel('Matchers').fill('service="ledger-db"');
    await form.getByRole('button', { name: 'Add window' }).click();
    const row = page.getByRole('table', { name: 'Maintenance windows' }).getByRole('row', { name: /weekly db work/ });
    await row.getByText('FREQ=WEEKLY;BYDAY=SU').waitFor(); // 2030-01-06 is a Sunday
    await row.getByText(/^next /).waitFor();
    const preset = page.getByLabel('A node down inhibits the pod and container alerts on that node');
    await preset.check();
    await page.waitForFunction(
      async ([url, token]) =>
        (await (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).json()).length === 1,
      [`${base}/api/v1/projects/${p.id}/inhibition-rules`, p.access] as const,
    );
    await shot('15-maintenance');
  }, 60_000);
});
