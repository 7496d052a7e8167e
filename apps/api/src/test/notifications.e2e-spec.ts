import { createHmac } from 'node:crypto';
import { withDb } from './seed';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';
import { alertmanagerNotification, PromAlert } from './corpus/payloads';
import { Receivers, startSmtp } from './support/receivers';
import { until } from './support/until';

const ROUTING_KEY = 'R0123456789abcdef0123456789abcde'.slice(0, 32);
const GENIE_KEY = 'eb243592-faa2-4ba2-a551q-1afdf565c889'.replace('q', '');

/**
 * Notifications at the wire: channels of every type against local receivers that check the body as
 * their APIs do (and a real SMTP server), routed by the project's rules, delivered from the outbox
 * through the real queue — once per change, in order, batched, retried, signed.
 */
describe('notifications (e2e)', () => {
  let t: TestApp;
  let rx: Receivers;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let u: LoggedInUser;

  beforeAll(async () => {
    rx = new Receivers();
    await rx.start();
    smtp = await startSmtp();
    t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'MOZAIC <mozaic@example.com>',
      NOTIFY_TIMEOUT_MS: '2000',
    });
    u = await registerAndLogin(t, 'notify');
  });

  afterAll(async () => {
    await t?.close();
    await rx?.stop();
    await smtp?.close();
  });

  const api = (path: string) => `/api/v1${path}`;

  async function project(name: string, groupIntervalS = 300): Promise<{ id: string; token: string }> {
    const id = (
      await t
        .http()
        .post(api('/projects'))
        .set(u.auth)
        .send({ name, notification_group_interval_s: groupIntervalS })
        .expect(201)
    ).body.id as string;
    const token = (
      await t
        .http()
        .post(api(`/projects/${id}/webhooks/token`))
        .set(u.auth)
        .expect(201)
    ).body.token as string;
    return { id, token };
  }

  async function channel(projectId: string, type: string, settings: Record<string, unknown>, name = type) {
    const res = await t
      .http()
      .post(api(`/projects/${projectId}/channels`))
      .set(u.auth)
      .send({ name, type, settings });
    expect(res.status).toBe(201);
    return res.body as { id: string; settings: Record<string, string>; signing_secret?: string };
  }

  async function route(projectId: string, body: Record<string, unknown>) {
    const res = await t
      .http()
      .post(api(`/projects/${projectId}/routes`))
      .set(u.auth)
      .send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  async function fire(p: { id: string; token: string }, labels: Record<string, string>, at = Date.now()) {
    const alert: PromAlert = {
      labels: { alertname: 'KubePodCrashLooping', severity: 'critical', ...labels },
      startsAt: at,
    };
    await t
      .http()
      .post(`/webhooks/alertmanager/${p.id}`)
      .set('Authorization', `Bearer ${p.token}`)
      .send(alertmanagerNotification('mozaic', ['service'], [alert]))
      .expect(202);
  }

  const incidentOf = (projectId: string) =>
    until('an incident', async () => {
      const list = (
        await t
          .http()
          .get(api(`/incidents/project/${projectId}`))
          .set(u.auth)
          .expect(200)
      ).body as Array<{ id: string }>;
      return list[0]?.id;
    });

  const notifications = async (projectId: string) =>
    (
      await t
        .http()
        .get(api(`/projects/${projectId}/notifications`))
        .set(u.auth)
        .expect(200)
    ).body as Array<{
      id: string;
      incident_id: string;
      channel_id: string;
      event: string;
      change: string | null;
      status: string;
      attempts: number;
      log: Array<{ outcome: string; status: number | null; answer: string; at: string }>;
    }>;

  it('keeps channel secrets encrypted and masked, and validates settings', async () => {
    const p = await project('notify-settings');
    const url = `${rx.base}/slack/T000/B000/XXXXXXXXXXXXXXXXsecretpart`;
    const c = await channel(p.id, 'slack', { url });
    expect(JSON.stringify(c)).not.toContain('secretpart');
    expect(c.settings['url']).toBe(`${rx.base}/…part`);
    const got = await t
      .http()
      .get(api(`/channels/${c.id}`))
      .set(u.auth)
      .expect(200);
    expect(JSON.stringify(got.body)).not.toContain('secretpart');
    const stored = await withDb(
      async (db) => (await db.query('SELECT * FROM notification_channels WHERE id = $1', [c.id])).rows[0],
    );
    expect(JSON.stringify(stored)).not.toContain('secretpart');

    const bad = async (body: Record<string, unknown>, message: RegExp) => {
      const res = await t
        .http()
        .post(api(`/projects/${p.id}/channels`))
        .set(u.auth)
        .send(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(message);
    };
    await bad({ name: 'x', type: 'slack', settings: {} }, /settings.url is required/);
    await bad({ name: 'x', type: 'slack', settings: { url: 'ftp://x' } }, /http\(s\)/);
    await bad({ name: 'x', type: 'sms', settings: {} }, /type must be one of/);
    await bad({ name: 'x', type: 'pagerduty', settings: { routing_key: 'k', extra: 1 } }, /routing_key/);
    await bad({ name: 'x', type: 'email', settings: { to: ['not-an-address'] } }, /not an email address/);
    await bad({ name: 'x', type: 'slack', settings: { url, colour: 'red' } }, /settings.colour is not a setting/);

    // A secret left out of an update is kept; a rename keeps working.
    await t
      .http()
      .patch(api(`/channels/${c.id}`))
      .set(u.auth)
      .send({ name: 'renamed', settings: {} })
      .expect(200);
    expect(
      (
        await t
          .http()
          .get(api(`/channels/${c.id}`))
          .set(u.auth)
          .expect(200)
      ).body.settings.url,
    ).toBe(`${rx.base}/…part`);

    // Routes: patterns are RE2 and must compile; channels must be the project's; one default.
    const badRoute = await t
      .http()
      .post(api(`/projects/${p.id}/routes`))
      .set(u.auth)
      .send({ name: 'r', channel_ids: [c.id], matchers: [{ name: 'service', op: '=~', value: '(a' }] });
    expect(badRoute.status).toBe(400);
    expect(badRoute.body.message).toMatch(/not a valid RE2 expression/);
    const other = await project('notify-other');
    const foreign = await channel(other.id, 'slack', { url });
    const cross = await t
      .http()
      .post(api(`/projects/${p.id}/routes`))
      .set(u.auth)
      .send({ name: 'r', channel_ids: [foreign.id] });
    expect(cross.status).toBe(400);
    await route(p.id, { name: 'default', channel_ids: [c.id], is_default: true });
    await t
      .http()
      .post(api(`/projects/${p.id}/routes`))
      .set(u.auth)
      .send({ name: 'd2', channel_ids: [c.id], is_default: true })
      .expect(409);

    // Someone else's channel is not found; nobody is not let in.
    const stranger = await registerAndLogin(t, 'notify-stranger');
    await t
      .http()
      .get(api(`/channels/${c.id}`))
      .set(stranger.auth)
      .expect(404);
    await t
      .http()
      .post(api(`/channels/${c.id}/test`))
      .set(stranger.auth)
      .expect(404);
    await t
      .http()
      .get(api(`/projects/${p.id}/notifications`))
      .set(stranger.auth)
      .expect(404);
    await t
      .http()
      .get(api(`/channels/${c.id}`))
      .expect(401);
  });

  it('tests a channel and reports the receiver’s answer', async () => {
    const p = await project('notify-test');
    const ok = await channel(p.id, 'pagerduty', { routing_key: ROUTING_KEY, url: `${rx.base}/pagerduty/v2/enqueue` });
    const before = rx.at('/pagerduty/').length;
    const res = await t
      .http()
      .post(api(`/channels/${ok.id}/test`))
      .set(u.auth)
      .expect(200);
    expect(res.body).toMatchObject({ ok: true, status: 202 });
    expect(res.body.answer).toContain('success');
    // The test trigger is resolved right after, so nothing stays open in PagerDuty.
    const sent = rx.at('/pagerduty/').slice(before);
    expect(sent.map((r) => r.body.event_action)).toEqual(['trigger', 'resolve']);

    const broken = await channel(p.id, 'slack', { url: `${rx.base}/nowhere/hook` });
    const res2 = await t
      .http()
      .post(api(`/channels/${broken.id}/test`))
      .set(u.auth)
      .expect(200);
    expect(res2.body).toMatchObject({ ok: false, status: 400, answer: 'no such receiver' });
    const shown = (
      await t
        .http()
        .get(api(`/channels/${broken.id}`))
        .set(u.auth)
        .expect(200)
    ).body;
    expect(shown.last_result).toMatchObject({ ok: false, status: 400 });
  });

  it('notifies every channel type once per change, in order, signed, through the routes', async () => {
    const p = await project('notify-flow');
    const slack = await channel(p.id, 'slack', { url: `${rx.base}/slack/${p.id}` });
    const teams = await channel(p.id, 'teams', { url: `${rx.base}/teams/${p.id}` });
    const hook = await channel(p.id, 'webhook', { url: `${rx.base}/hook/${p.id}` });
    const pd = await channel(p.id, 'pagerduty', { routing_key: ROUTING_KEY, url: `${rx.base}/pagerduty/${p.id}` });
    const og = await channel(p.id, 'opsgenie', { api_key: GENIE_KEY, url: `${rx.base}/opsgenie/${p.id}` });
    const mail = await channel(p.id, 'email', { to: ['oncall@example.com'] });
    const unrouted = await channel(p.id, 'slack', { url: `${rx.base}/slack/unrouted-${p.id}` });
    expect(hook.signing_secret).toMatch(/^whsec_/);
    // Critical goes to the pagers and goes on; everything to chat, webhook and mail.
    await route(p.id, { name: 'pagers', severity_at_least: 'critical', channel_ids: [pd.id, og.id], continue: true });
    await route(p.id, { name: 'chat', channel_ids: [slack.id, teams.id, hook.id, mail.id] });
    await route(p.id, { name: 'never', channel_ids: [unrouted.id], is_default: true });

    await fire(p, { service: 'checkout', namespace: 'shop', pod: 'checkout-7d4b9-x2x' });
    const incidentId = await incidentOf(p.id);
    const got = (prefix: string, n: number) =>
      until(`${n} at ${prefix}`, () => (rx.at(prefix).length >= n ? rx.at(prefix) : undefined));

    const [s] = await got(`/slack/${p.id}`, 1);
    expect(s.body.text).toContain('Opened');
    expect(JSON.stringify(s.body.blocks)).toContain(`/project/${p.id}/incidents/${incidentId}`);
    const [tm] = await got(`/teams/${p.id}`, 1);
    expect(tm.body.attachments[0].content.body[0].text).toBe('Opened');
    const [pd1] = await got(`/pagerduty/${p.id}`, 1);
    expect(pd1.body).toMatchObject({ routing_key: ROUTING_KEY, event_action: 'trigger', dedup_key: incidentId });
    expect(pd1.body.payload).toMatchObject({ severity: 'critical', component: 'checkout', group: 'shop' });
    const [og1] = await got(`/opsgenie/${p.id}`, 1);
    expect(og1.path).toBe(`/opsgenie/${p.id}/v2/alerts`);
    expect(og1.headers['authorization']).toBe(`GenieKey ${GENIE_KEY}`);
    expect(og1.body).toMatchObject({ alias: incidentId, priority: 'P1' });

    // The generic webhook: the documented body, signed as t.body with the channel's secret.
    const [h] = await got(`/hook/${p.id}`, 1);
    expect(h.body).toMatchObject({
      type: 'incident.opened',
      change: null,
      incident: { id: incidentId, services: ['checkout'] },
    });
    expect(h.headers['x-mozaic-event']).toBe('incident.opened');
    expect(h.headers['x-mozaic-delivery']).toBe(h.body.id);
    const sig = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(h.headers['x-mozaic-signature']));
    expect(sig).not.toBeNull();
    const [, ts, mac] = sig as RegExpExecArray;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    const expected = createHmac('sha256', hook.signing_secret as string)
      .update(`${ts}.${h.raw}`)
      .digest('hex');
    expect(mac).toBe(expected);
    expect(createHmac('sha256', 'another secret').update(`${ts}.${h.raw}`).digest('hex')).not.toBe(mac);

    const m = await until('a mail', () => smtp.mails.find((x) => x.data.includes(incidentId)));
    expect(m.to).toEqual(['oncall@example.com']);
    expect(m.data).toMatch(/Subject: \[MOZAIC\] \[Critical\] Opened:/);
    expect(m.data).toContain('text/html');

    // Acknowledge, then resolve: each change once, after the one before.
    await t
      .http()
      .post(api(`/incidents/${incidentId}/acknowledge`))
      .set(u.auth)
      .expect(200);
    await t
      .http()
      .post(api(`/incidents/${incidentId}/resolve`))
      .set(u.auth)
      .expect(200);
    const pdAll = await got(`/pagerduty/${p.id}`, 3);
    expect(pdAll.map((r) => r.body.event_action)).toEqual(['trigger', 'acknowledge', 'resolve']);
    const ogAll = await got(`/opsgenie/${p.id}`, 3);
    expect(ogAll.map((r) => r.path.replace(`/opsgenie/${p.id}`, ''))).toEqual([
      '/v2/alerts',
      `/v2/alerts/${incidentId}/acknowledge?identifierType=alias`,
      `/v2/alerts/${incidentId}/close?identifierType=alias`,
    ]);
    const hooks = await got(`/hook/${p.id}`, 3);
    expect(hooks.map((r) => r.body.type)).toEqual(['incident.opened', 'incident.acknowledged', 'incident.resolved']);
    expect(new Set(hooks.map((r) => r.body.id)).size).toBe(3);
    expect(rx.at(`/slack/unrouted-${p.id}`)).toHaveLength(0);

    // The delivery log says the same, per incident too.
    await until('every notification sent', async () =>
      (await notifications(p.id)).every((n) => n.status === 'sent') ? true : undefined,
    );
    const log = await notifications(p.id);
    expect(log.filter((n) => n.status === 'sent')).toHaveLength(log.length);
    expect(
      log
        .filter((n) => n.channel_id === pd.id)
        .map((n) => n.event)
        .reverse(),
    ).toEqual(['incident.opened', 'incident.acknowledged', 'incident.resolved']);
    const mine = (
      await t
        .http()
        .get(api(`/incidents/${incidentId}/notifications`))
        .set(u.auth)
        .expect(200)
    ).body;
    expect(mine).toHaveLength(log.length);
    expect(mine[0].log[0]).toMatchObject({ outcome: 'sent' });
    const filtered = (
      await t
        .http()
        .get(api(`/projects/${p.id}/notifications?channel_id=${hook.id}&event=incident.resolved`))
        .set(u.auth)
        .expect(200)
    ).body;
    expect(filtered).toHaveLength(1);
    await t
      .http()
      .get(api(`/projects/${p.id}/notifications?status=nope`))
      .set(u.auth)
      .expect(400);
  });

  it('batches a storm of alerts into one message and a few updates', async () => {
    const intervalS = 2;
    const p = await project('notify-storm', intervalS);
    const hook = await channel(p.id, 'webhook', { url: `${rx.base}/hook/storm-${p.id}` });
    await route(p.id, { name: 'all', channel_ids: [hook.id], is_default: true });
    const started = Date.now();
    const total = 60;
    for (let i = 0; i < total; i++) {
      await fire(p, { service: 'payments', namespace: 'shop', pod: `payments-${i}` });
      await new Promise((r) => setTimeout(r, 80));
    }
    const elapsedS = (Date.now() - started) / 1000;
    const incidentId = await incidentOf(p.id);
    const members = async () =>
      (
        await t
          .http()
          .get(api(`/incidents/${incidentId}`))
          .set(u.auth)
          .expect(200)
      ).body.alert_count as number;
    const count = await members();
    // The last update carries everything the incident has.
    const last = await until('an update with every alert', () =>
      rx.at(`/hook/storm-${p.id}`).find((r) => r.body.incident.alert_count === count),
    );
    expect(last.body).toMatchObject({ type: 'incident.updated', change: 'alerts_added' });
    const got = rx.at(`/hook/storm-${p.id}`);
    expect(got[0].body.type).toBe('incident.opened');
    // One message, then at most one update per interval while alerts come, and the last one after.
    expect(got.length).toBeLessThanOrEqual(1 + Math.ceil(elapsedS / intervalS) + 1);
    expect(got.length).toBeLessThan(total / 5);
    for (let i = 1; i < got.length; i++)
      expect(got[i].at - got[i - 1].at).toBeGreaterThanOrEqual(intervalS * 1000 - 100);
  });

  it('retries a receiver that fails, honours Retry-After, stops on a permanent refusal, and keeps order', async () => {
    const p = await project('notify-faults');
    const pd = await channel(p.id, 'pagerduty', {
      routing_key: ROUTING_KEY,
      url: `${rx.base}/pagerduty/faults-${p.id}`,
    });
    await route(p.id, { name: 'all', channel_ids: [pd.id], is_default: true });
    rx.fail(
      `/pagerduty/faults-${p.id}`,
      { status: 503, body: 'upstream down' },
      { status: 429, body: 'slow down', headers: { 'Retry-After': '2' } },
    );
    await fire(p, { service: 'ledger', namespace: 'bank' });
    const incidentId = await incidentOf(p.id);
    // Resolved while the trigger is still being retried: the resolve waits for its turn.
    await t
      .http()
      .post(api(`/incidents/${incidentId}/resolve`))
      .set(u.auth)
      .expect(200);
    const got = await until(
      'trigger and resolve',
      () => (rx.at(`/pagerduty/faults-${p.id}`).length >= 2 ? rx.at(`/pagerduty/faults-${p.id}`) : undefined),
      30_000,
    );
    expect(got.map((r) => r.body.event_action)).toEqual(['trigger', 'resolve']);
    const log = (await notifications(p.id)).reverse();
    expect(log[0].log.map((a) => [a.outcome, a.status])).toEqual([
      ['retry', 503],
      ['retry', 429],
      ['sent', 202],
    ]);
    const [, tooMany, sent] = log[0].log.map((a) => Date.parse(a.at));
    expect(sent - tooMany).toBeGreaterThanOrEqual(1900);

    // A permanent refusal (400) is not retried; the next change still goes out.
    const p2 = await project('notify-permanent');
    const slack = await channel(p2.id, 'slack', { url: `${rx.base}/slack/perm-${p2.id}` });
    await route(p2.id, { name: 'all', channel_ids: [slack.id], is_default: true });
    rx.fail(`/slack/perm-${p2.id}`, { status: 400, body: 'invalid_payload' });
    await fire(p2, { service: 'search', namespace: 'web' });
    const inc2 = await incidentOf(p2.id);
    await until('the refusal recorded', async () =>
      (await notifications(p2.id))[0]?.status === 'failed' ? true : undefined,
    );
    await t
      .http()
      .post(api(`/incidents/${inc2}/resolve`))
      .set(u.auth)
      .expect(200);
    await until('the resolve delivered', () => (rx.at(`/slack/perm-${p2.id}`).length === 1 ? true : undefined));
    const log2 = (await notifications(p2.id)).reverse();
    expect(log2.map((n) => [n.event, n.status, n.attempts])).toEqual([
      ['incident.opened', 'failed', 1],
      ['incident.resolved', 'sent', 1],
    ]);
    expect(log2[0].log[0]).toMatchObject({ outcome: 'failed', status: 400, answer: 'invalid_payload' });
  });

  it('delivers once the receiver is back after being down', async () => {
    const down = new Receivers();
    await down.start();
    const port = down.port;
    const p = await project('notify-down');
    const hook = await channel(p.id, 'webhook', { url: `http://127.0.0.1:${port}/hook/down` });
    await route(p.id, { name: 'all', channel_ids: [hook.id], is_default: true });
    await down.stop();
    await fire(p, { service: 'inventory', namespace: 'shop' });
    await until('a failed attempt', async () => ((await notifications(p.id))[0]?.log.length ? true : undefined));
    expect((await notifications(p.id))[0].log[0]).toMatchObject({ outcome: 'retry', status: null });
    expect((await notifications(p.id))[0].log[0].answer).toMatch(/unreachable: ECONNREFUSED/);
    await down.start(port);
    try {
      const [r] = await until(
        'delivery after the outage',
        () => (down.at('/hook/down').length ? down.at('/hook/down') : undefined),
        30_000,
      );
      expect(r.body.type).toBe('incident.opened');
      expect((await notifications(p.id))[0].status).toBe('sent');
    } finally {
      await down.stop();
    }
  });

  it('writes nothing for a change that is rolled back', async () => {
    const p = await project('notify-rollback');
    const hook = await channel(p.id, 'webhook', { url: `${rx.base}/hook/rollback-${p.id}` });
    await route(p.id, { name: 'all', channel_ids: [hook.id], is_default: true });
    const { SignalProcessor } = await import('../modules/incidents/processing/signal-processor.service');
    const { DataSource } = await import('typeorm');
    const processor = t.app.get(SignalProcessor);
    const db = t.app.get(DataSource);
    let wrote = 0;
    await expect(
      db.transaction(async (m) => {
        await processor.processIn(m, p.id, [
          {
            projectId: p.id,
            source: 'alertmanager',
            sourceRef: 'rollback-1',
            occurredAt: new Date().toISOString(),
            severity: 'high',
            status: 'firing',
            title: 'DiskFull',
            message: 'disk full',
            entities: { service: 'files' },
            raw: {},
          },
        ]);
        wrote = Number((await m.query('SELECT count(*) AS n FROM notifications WHERE project_id = $1', [p.id]))[0].n);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(wrote).toBe(1); // written in the change's transaction …
    const after = await withDb(
      async (c) =>
        (await c.query('SELECT count(*)::int AS n FROM notifications WHERE project_id = $1', [p.id])).rows[0].n,
    );
    expect(after).toBe(0); // … and gone with it
  });
});
