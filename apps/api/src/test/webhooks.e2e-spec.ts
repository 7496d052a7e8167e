import { until } from './support/until';
import { AddressInfo } from 'node:net';
import { request as httpRequest, Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fixture, fixtureText } from './support/fixtures';
import { makeSigningIdentity, MapCertFetcher, signSns, TEST_CERT_URL } from './support/sns-signer';
import { fixtureBytes, postWebhook, waitForDeliveries } from './support/webhook-client';
import { SnsSubscriptionConfirmer } from '../modules/webhooks/ingest/sns-subscription.service';
import { hmacHex } from '../modules/webhooks/verifiers/hmac';
import { withDb } from './seed';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';

const REAL_CERT_URL =
  'https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem';

class RecordingConfirmer extends SnsSubscriptionConfirmer {
  visited: string[] = [];
  async confirm(url: string): Promise<void> {
    this.visited.push(url);
  }
}

describe('webhooks (e2e)', () => {
  const identity = makeSigningIdentity();
  const certs = new MapCertFetcher({
    [TEST_CERT_URL]: identity.cert,
    [REAL_CERT_URL]: fixtureText('cloudwatch/sns-signing-cert-sns.amazonaws.com-2021.pem'),
  });
  const confirmer = new RecordingConfirmer();
  let t: TestApp;
  let u: LoggedInUser;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '64kb' }, { snsCertFetcher: certs, snsConfirmer: confirmer });
    u = await registerAndLogin(t, 'hooks');
  });
  afterAll(() => t.close());

  async function project(name: string, settings: Record<string, unknown> = {}) {
    const id = (await t.http().post('/api/v1/projects').set(u.auth).send({ name }).expect(201)).body.id as string;
    const token = (await t.http().post(`/api/v1/projects/${id}/webhooks/token`).set(u.auth).expect(201)).body
      .token as string;
    if (Object.keys(settings).length)
      await t.http().put(`/api/v1/projects/${id}/webhooks`).set(u.auth).send(settings).expect(200);
    return { id, token, bearer: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } };
  }

  describe('settings', () => {
    it('lists the webhook URLs, shows a generated token once, and rotates it', async () => {
      const id = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'settings' }).expect(201)).body.id;
      const before = await t.http().get(`/api/v1/projects/${id}/webhooks`).set(u.auth).expect(200);
      expect(before.body).toMatchObject({
        token_hint: null,
        sentry_secret_set: false,
        grafana_secret_set: false,
        sns_topic_arns: [],
      });
      expect(before.body.urls.alertmanager).toMatch(new RegExp(`/webhooks/alertmanager/${id}$`));
      const first = await t.http().post(`/api/v1/projects/${id}/webhooks/token`).set(u.auth).expect(201);
      expect(first.body.token).toMatch(/^mzk_[A-Za-z0-9_-]{43}$/);
      const after = await t.http().get(`/api/v1/projects/${id}/webhooks`).set(u.auth).expect(200);
      expect(after.body.token_hint).toBe(`••••${first.body.token.slice(-4)}`);
      expect(JSON.stringify(after.body)).not.toContain(first.body.token);
      // Rotated with no overlap: the old token stops at once.
      const second = await t
        .http()
        .post(`/api/v1/projects/${id}/webhooks/token`)
        .set(u.auth)
        .send({ grace_hours: 0 })
        .expect(201);
      expect(second.body.previous_valid_until).toBeNull();
      const am = fixtureBytes('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
      await postWebhook(t, `/webhooks/alertmanager/${id}`, am, {
        Authorization: `Bearer ${first.body.token}`,
        'Content-Type': 'application/json',
      }).expect(401);
      await postWebhook(t, `/webhooks/alertmanager/${id}`, am, {
        Authorization: `Bearer ${second.body.token}`,
        'Content-Type': 'application/json',
      }).expect(202);
    });

    it('keeps the old token working for the overlap chosen at rotation (default 24 h), then not', async () => {
      const p = await project('overlap');
      const send = (token: string, n: number) => {
        const body = JSON.parse(fixtureBytes('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json').toString());
        body.groupKey = `overlap-${n}`;
        return postWebhook(t, `/webhooks/alertmanager/${p.id}`, JSON.stringify(body), {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        });
      };
      const next = await t.http().post(`/api/v1/projects/${p.id}/webhooks/token`).set(u.auth).send({}).expect(201);
      const validUntil = Date.parse(next.body.previous_valid_until);
      expect(validUntil - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
      expect(validUntil - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
      await send(p.token, 1).expect(202); // the old token, during the overlap
      await send(next.body.token, 2).expect(202);
      await t.http().post(`/api/v1/projects/${p.id}/webhooks/token`).set(u.auth).send({ grace_hours: 169 }).expect(400);
      await t.http().post(`/api/v1/projects/${p.id}/webhooks/token`).set(u.auth).send({ grace_hours: 1.5 }).expect(400);

      // The overlap ends: the old token is refused (within the secrets cache's two seconds).
      await withDb((c) =>
        c.query(
          `UPDATE project_webhooks SET previous_token_expires_at = now() - interval '1 second' WHERE project_id = $1`,
          [p.id],
        ),
      );
      let n = 3;
      await until('the old token refused', async () => ((await send(p.token, n++)).status === 401 ? true : undefined));
      await send(next.body.token, 99).expect(202);
    });

    it('validates settings and hides secrets', async () => {
      const p = await project('settings-2');
      const bad = await t
        .http()
        .put(`/api/v1/projects/${p.id}/webhooks`)
        .set(u.auth)
        .send({ sns_topic_arns: ['not-an-arn'] })
        .expect(400);
      expect(JSON.stringify(bad.body.message)).toContain('sns_topic_arns');
      const ok = await t
        .http()
        .put(`/api/v1/projects/${p.id}/webhooks`)
        .set(u.auth)
        .send({ sentry_client_secret: 'very-secret-value', grafana_secret: 'g-secret' })
        .expect(200);
      expect(ok.body).toMatchObject({ sentry_secret_set: true, grafana_secret_set: true });
      expect(JSON.stringify(ok.body)).not.toContain('very-secret-value');
      const row = await withDb(
        async (c) => (await c.query('SELECT * FROM project_webhooks WHERE project_id = $1', [p.id])).rows[0],
      );
      expect(JSON.stringify(row)).not.toContain('very-secret-value');
      expect(JSON.stringify(row)).not.toContain(p.token);
      const stranger = await registerAndLogin(t, 'hooks-stranger');
      await t.http().get(`/api/v1/projects/${p.id}/webhooks`).set(stranger.auth).expect(404);
      await t.http().post(`/api/v1/projects/${p.id}/webhooks/token`).set(stranger.auth).expect(404);
      await t.http().put(`/api/v1/projects/${p.id}/webhooks`).set(stranger.auth).send({}).expect(404);
    });
  });

  describe('Alertmanager and Grafana', () => {
    it('stores, acknowledges, deduplicates and turns a delivery into an incident', async () => {
      const p = await project('am');
      const body = fixtureBytes('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
      const first = await postWebhook(t, `/webhooks/alertmanager/${p.id}`, body, p.bearer).expect(202);
      expect(first.body).toEqual({ id: expect.any(String), status: 'accepted' });
      const again = await postWebhook(t, `/webhooks/alertmanager/${p.id}`, body, p.bearer).expect(200);
      expect(again.body).toEqual({ id: first.body.id, status: 'duplicate' });
      const rows = await waitForDeliveries(p.id, 1);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'processed', signal_count: 2 });
      const list = await t.http().get(`/api/v1/incidents/project/${p.id}`).set(u.auth).expect(200);
      // Both alerts of the fixture are about host andromeda: one incident of two alerts.
      expect(list.body).toHaveLength(1);
      expect(list.body[0]).toMatchObject({
        title: 'andromeda: High CPU Temperature',
        alert_count: 2,
        severity: 'critical',
      });
      const stored = await withDb(
        async (c) => (await c.query('SELECT headers, body FROM inbound_events WHERE id = $1', [first.body.id])).rows[0],
      );
      expect(stored.body).toBe(body.toString('utf8'));
      expect(stored.headers).not.toHaveProperty('authorization');
    });

    it('takes the token as a basic-auth password too, and refuses without or with a wrong one', async () => {
      const p = await project('am-auth');
      const body = fixtureBytes('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
      const basic = `Basic ${Buffer.from(`alertmanager:${p.token}`).toString('base64')}`;
      await postWebhook(t, `/webhooks/alertmanager/${p.id}`, body, {
        Authorization: basic,
        'Content-Type': 'application/json',
      }).expect(202);
      await postWebhook(t, `/webhooks/alertmanager/${p.id}`, body, { 'Content-Type': 'application/json' }).expect(401);
      await postWebhook(t, `/webhooks/alertmanager/${p.id}`, body, {
        Authorization: 'Bearer mzk_wrong',
        'Content-Type': 'application/json',
      }).expect(401);
      const other = await project('am-auth-2');
      await postWebhook(t, `/webhooks/alertmanager/${other.id}`, body, p.bearer).expect(401);
    });

    it('verifies X-Grafana-Alerting-Signature when a secret is set (the shared vectors)', async () => {
      const vector = fixture<{
        secret: string;
        with_timestamp_header: { headers: Record<string, string> };
        without_timestamp_header: { headers: Record<string, string> };
      }>('grafana/hmac-vector.CONSTRUCTED.json');
      const p = await project('grafana', { grafana_secret: vector.secret });
      const body = fixtureBytes('grafana/hmac-vector.body.CONSTRUCTED.json');
      for (const h of [vector.with_timestamp_header.headers, vector.without_timestamp_header.headers]) {
        await postWebhook(t, `/webhooks/grafana/${p.id}`, body, { ...h, Authorization: `Bearer ${p.token}` }).expect(
          (r) => expect([200, 202]).toContain(r.status),
        );
      }
      const altered = Buffer.from(body.toString('utf8').replace('resolved', 'firing'));
      await postWebhook(t, `/webhooks/grafana/${p.id}`, altered, {
        ...vector.without_timestamp_header.headers,
        Authorization: `Bearer ${p.token}`,
      }).expect(401);
      await postWebhook(t, `/webhooks/grafana/${p.id}`, body, {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${p.token}`,
      }).expect(401);
      await waitForDeliveries(p.id, 1);
    });
  });

  describe('Sentry', () => {
    const vector = fixture<{ client_secret: string; headers: Record<string, string> }>(
      'sentry/signature-vector.CONSTRUCTED.json',
    );
    const body = fixtureBytes('sentry/signature-vector.body.CONSTRUCTED.json');
    const fresh = () => ({ ...vector.headers, 'Sentry-Hook-Timestamp': String(Math.floor(Date.now() / 1000)) });

    it('accepts the signed vector with the client secret and rejects a wrong or stale signature', async () => {
      const p = await project('sentry', { sentry_client_secret: vector.client_secret });
      const res = await postWebhook(t, `/webhooks/sentry/${p.id}`, body, fresh()).expect(202);
      await postWebhook(t, `/webhooks/sentry/${p.id}`, body, fresh()).expect(200); // same Request-ID
      // A captured delivery re-sent with a fresh timestamp and a new Request-ID is the same delivery.
      const replay = await postWebhook(t, `/webhooks/sentry/${p.id}`, body, {
        ...fresh(),
        'Request-ID': 'ffffeeeeddddcccc0001',
      }).expect(200);
      expect(replay.body).toMatchObject({ id: res.body.id, status: 'duplicate' });
      await postWebhook(t, `/webhooks/sentry/${p.id}`, body, {
        ...fresh(),
        'Request-ID': 'aaaabbbbccccdddd',
        'Sentry-Hook-Signature': '0'.repeat(64),
      }).expect(401);
      await postWebhook(t, `/webhooks/sentry/${p.id}`, body, {
        ...vector.headers,
        'Request-ID': 'aaaabbbbccccdddf',
      }).expect(401); // 2019 timestamp
      const altered = Buffer.from(body.toString('utf8').replace('created', 'resolved'));
      await postWebhook(t, `/webhooks/sentry/${p.id}`, altered, {
        ...fresh(),
        'Request-ID': 'aaaabbbbccccdde0',
      }).expect(401);
      const rows = await waitForDeliveries(p.id, 1);
      expect(rows[0]).toMatchObject({ id: res.body.id, status: 'processed', signal_count: 1 });
    });

    it('uses the client secret of a connected Sentry account when the project has none', async () => {
      const p = await project('sentry-account');
      await t
        .http()
        .post('/api/v1/accounts')
        .set(u.auth)
        .send({
          project_id: p.id,
          service_type: 'sentry',
          credentials: { auth_token: 'sntrys_token_123456', client_secret: vector.client_secret },
          config: { organization: 'acme' },
        })
        .expect(201);
      await postWebhook(t, `/webhooks/sentry/${p.id}`, body, fresh()).expect(202);
    });

    it('takes the legacy webhooks plugin with the project token in the URL', async () => {
      const p = await project('sentry-legacy');
      const legacy = fixtureBytes('sentry/legacy-webhooks-plugin.zulip-fixture.json');
      await postWebhook(t, `/webhooks/sentry/${p.id}?token=${p.token}`, legacy, {
        'Content-Type': 'application/json',
      }).expect(202);
      await postWebhook(t, `/webhooks/sentry/${p.id}`, legacy, { 'Content-Type': 'application/json' }).expect(401);
      const rows = await waitForDeliveries(p.id, 1);
      expect(rows[0]).toMatchObject({ status: 'processed', signal_count: 1 });
    });

    it('signs with HMAC-SHA256 over the raw bytes (the vector checks out)', () => {
      expect(hmacHex(vector.client_secret, body)).toBe(vector.headers['Sentry-Hook-Signature']);
    });
  });

  describe('CloudWatch through SNS', () => {
    const real = ['sv1-no-subject', 'sv1-with-subject', 'sv2-no-subject', 'sv2-with-subject'];

    it('accepts the four real AWS-signed messages (expiry ignored in this test only) and rejects any altered byte', async () => {
      const expired = await createTestApp(
        {},
        { snsCertFetcher: certs, snsConfirmer: confirmer, snsVerify: { ignoreCertificateExpiry: true } },
      );
      try {
        const msgs = real.map((r) =>
          fixture<Record<string, string>>(`cloudwatch/sns-notification-real-signed-${r}.json`),
        );
        const id = (
          await expired
            .http()
            .post('/api/v1/projects')
            .set((await registerAndLogin(expired, 'sns-real')).auth)
            .send({ name: 'sns' })
        ).body.id;
        await withDb((c) =>
          c.query('INSERT INTO project_webhooks (project_id, sns_topic_arns) VALUES ($1, $2)', [
            id,
            [...new Set(msgs.map((m) => m['TopicArn']))],
          ]),
        );
        for (const m of msgs) {
          await postWebhook(expired, `/webhooks/cloudwatch/${id}`, JSON.stringify(m), {
            'Content-Type': 'text/plain; charset=UTF-8',
            'x-amz-sns-message-type': 'Notification',
          }).expect(202);
          for (const field of ['Message', 'MessageId', 'Timestamp', 'TopicArn', 'Signature']) {
            const v = m[field];
            const i = Math.floor(v.length / 2);
            const flipped = v.slice(0, i) + (v[i] === 'A' ? 'B' : 'A') + v.slice(i + 1);
            const res = await postWebhook(
              expired,
              `/webhooks/cloudwatch/${id}`,
              JSON.stringify({ ...m, [field]: flipped }),
              { 'Content-Type': 'text/plain' },
            );
            expect([400, 401]).toContain(res.status);
          }
        }
        // The real certificate is expired: without the test-only option it is refused.
        const strict = await postWebhook(t, `/webhooks/cloudwatch/${id}`, JSON.stringify(msgs[0]), {
          'Content-Type': 'text/plain',
        });
        expect(strict.status).toBe(401);
      } finally {
        await expired.close();
      }
    });

    it('turns a signed alarm notification into an incident, and refuses a forged topic or a foreign certificate host', async () => {
      const topic = 'arn:aws:sns:eu-west-1:123456789012:alarms';
      const p = await project('sns-alarm', { sns_topic_arns: [topic] });
      const alarm = fixture<Record<string, string>>(
        'cloudwatch/sns-notification-cloudwatch-alarm-ALARM.CONSTRUCTED.json',
      );
      const signed = signSns(
        {
          Type: 'Notification',
          MessageId: 'mid-1',
          TopicArn: topic,
          Message: alarm['Message'],
          Timestamp: new Date().toISOString(),
          Subject: alarm['Subject'],
        },
        identity.key,
      );
      await postWebhook(t, `/webhooks/cloudwatch/${p.id}`, JSON.stringify(signed), {
        'Content-Type': 'text/plain; charset=UTF-8',
      }).expect(202);
      await postWebhook(t, `/webhooks/cloudwatch/${p.id}`, JSON.stringify(signed), {
        'Content-Type': 'text/plain; charset=UTF-8',
      }).expect(200);
      const forged = signSns(
        {
          Type: 'Notification',
          MessageId: 'mid-2',
          TopicArn: 'arn:aws:sns:eu-west-1:999999999999:evil',
          Message: alarm['Message'],
          Timestamp: new Date().toISOString(),
        },
        identity.key,
      );
      await postWebhook(t, `/webhooks/cloudwatch/${p.id}`, JSON.stringify(forged), {
        'Content-Type': 'text/plain',
      }).expect(401);
      for (const url of [
        'https://evil.example.com/cert.pem',
        'https://s3.amazonaws.com/sns.us-east-1.amazonaws.com/x.pem',
        'http://sns.us-east-1.amazonaws.com/x.pem',
        'https://sns.us-east-1.amazonaws.com/x.txt',
      ]) {
        const res = await postWebhook(
          t,
          `/webhooks/cloudwatch/${p.id}`,
          JSON.stringify({ ...signed, MessageId: 'mid-3', SigningCertURL: url }),
          { 'Content-Type': 'text/plain' },
        );
        expect(res.status).toBe(401);
      }
      const rows = await waitForDeliveries(p.id, 1);
      expect(rows).toHaveLength(1);
      const list = await t.http().get(`/api/v1/incidents/project/${p.id}`).set(u.auth).expect(200);
      expect(list.body).toHaveLength(1);
      expect(list.body[0]).toMatchObject({ source: 'cloudwatch', severity: 'high' });
      expect(certs.fetches).toBeGreaterThan(0);
    });

    it('confirms a subscription by visiting SubscribeURL only after the signature verified, and records unsubscribes', async () => {
      const topic = 'arn:aws:sns:eu-west-1:123456789012:subs';
      const p = await project('sns-sub', { sns_topic_arns: [topic] });
      const subscribeUrl = `https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${topic}&Token=tok-1`;
      const bad = {
        ...signSns(
          {
            Type: 'SubscriptionConfirmation',
            MessageId: 'sub-0',
            TopicArn: topic,
            Message: 'confirm',
            Timestamp: new Date().toISOString(),
            SubscribeURL: subscribeUrl,
            Token: 'tok-1',
          },
          identity.key,
        ),
        Signature: 'AAAA',
      };
      await postWebhook(t, `/webhooks/cloudwatch/${p.id}`, JSON.stringify(bad), {
        'Content-Type': 'text/plain',
      }).expect(401);
      const good = signSns(
        {
          Type: 'SubscriptionConfirmation',
          MessageId: 'sub-1',
          TopicArn: topic,
          Message: 'confirm',
          Timestamp: new Date().toISOString(),
          SubscribeURL: subscribeUrl,
          Token: 'tok-1',
        },
        identity.key,
      );
      await postWebhook(t, `/webhooks/cloudwatch/${p.id}`, JSON.stringify(good), {
        'Content-Type': 'text/plain',
      }).expect(202);
      const unsub = signSns(
        {
          Type: 'UnsubscribeConfirmation',
          MessageId: 'sub-2',
          TopicArn: topic,
          Message: 'bye',
          Timestamp: new Date().toISOString(),
          SubscribeURL: subscribeUrl,
          Token: 'tok-2',
        },
        identity.key,
      );
      await postWebhook(t, `/webhooks/cloudwatch/${p.id}`, JSON.stringify(unsub), {
        'Content-Type': 'text/plain',
      }).expect(202);
      const rows = await waitForDeliveries(p.id, 2);
      expect(rows.every((r) => r.status === 'processed')).toBe(true);
      expect(confirmer.visited).toEqual([subscribeUrl]);
      const kinds = await withDb(async (c) =>
        (await c.query('SELECT kind FROM inbound_events WHERE project_id = $1 ORDER BY kind', [p.id])).rows.map(
          (r) => r.kind,
        ),
      );
      expect(kinds).toEqual(['SubscriptionConfirmation', 'UnsubscribeConfirmation']);
    });

    it('takes EventBridge alarm state changes with the webhook token', async () => {
      const p = await project('eventbridge');
      const body = fixtureBytes('cloudwatch/eventbridge-alarm-state-change-single-metric.docs.json');
      await postWebhook(t, `/webhooks/cloudwatch/${p.id}`, body, p.bearer).expect(202);
      await postWebhook(t, `/webhooks/cloudwatch/${p.id}`, body, { 'Content-Type': 'application/json' }).expect(401);
      const rows = await waitForDeliveries(p.id, 1);
      expect(rows[0]).toMatchObject({ status: 'processed', signal_count: 1 });
    });
  });

  describe('bad input', () => {
    it('answers clear 4xx errors and stores nothing as valid', async () => {
      const p = await project('bad');
      const am = fixtureBytes('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
      const post = (path: string, body: Buffer | string, headers: Record<string, string>) =>
        postWebhook(t, path, body, headers);
      expect((await post(`/webhooks/alertmanager/${p.id}`, '{"alerts": [', p.bearer)).status).toBe(400);
      expect((await post(`/webhooks/alertmanager/${p.id}`, '[1,2]', p.bearer)).status).toBe(400);
      expect((await post(`/webhooks/alertmanager/${p.id}`, '{"alerts": 5}', p.bearer)).status).toBe(400);
      expect(
        (await post(`/webhooks/alertmanager/${p.id}`, am, { ...p.bearer, 'Content-Type': 'text/html' })).status,
      ).toBe(415);
      expect(
        (
          await post(
            `/webhooks/alertmanager/${p.id}`,
            JSON.stringify({ alerts: [], pad: 'x'.repeat(70_000) }),
            p.bearer,
          )
        ).status,
      ).toBe(413);
      expect((await post(`/webhooks/alertmanager/00000000-0000-4000-8000-000000000000`, am, p.bearer)).status).toBe(
        404,
      );
      expect((await post(`/webhooks/alertmanager/not-a-project`, am, p.bearer)).status).toBe(404);
      expect((await post(`/webhooks/nagios/${p.id}`, am, p.bearer)).status).toBe(404);
      expect(
        (await post(`/webhooks/cloudwatch/${p.id}`, '{"Type":"Notification"}', { 'Content-Type': 'text/plain' }))
          .status,
      ).toBe(400);
      const stored = await withDb(
        async (c) =>
          (await c.query('SELECT count(*)::int AS n FROM inbound_events WHERE project_id = $1', [p.id])).rows[0].n,
      );
      expect(stored).toBe(0);
    });

    it('answers from the lean HTTP path like the rest of the API: limits, request ids, logs without the token', async () => {
      const p = await project('lean');
      const am = fixtureBytes('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
      const server = t.app.getHttpServer() as Server;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      const raw = (path: string, headers: Record<string, string>, chunks: Buffer[]) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          });
          req.on('error', reject);
          for (const c of chunks) req.write(c);
          req.end();
        });
      try {
        // Over the limit without a Content-Length (chunked): refused while it streams in.
        const big = await raw(`/webhooks/alertmanager/${p.id}`, p.bearer, [
          Buffer.from('{"alerts": [], "pad": "'),
          Buffer.alloc(70_000, 'x'),
          Buffer.from('"}'),
        ]);
        expect(big.status).toBe(413);
        expect(JSON.parse(big.body)).toEqual({
          statusCode: 413,
          error: 'PAYLOAD_TOO_LARGE',
          message: 'request entity too large',
        });
        // A compressed delivery goes through Express (which inflates it) and is stored as the plain bytes.
        const zipped = await raw(
          `/webhooks/alertmanager/${p.id}`,
          { ...p.bearer, 'Content-Encoding': 'gzip', 'X-Request-Id': 'req-gzip-1' },
          [gzipSync(am)],
        );
        expect(zipped.status).toBe(202);
        expect(zipped.headers['x-request-id']).toBe('req-gzip-1');
        // The lean path: the caller's request id back, the API's security headers, a timing.
        const plain = await raw(
          `/webhooks/sentry/${p.id}?token=${p.token}`,
          { 'Content-Type': 'application/json', 'X-Request-Id': 'req-lean-1' },
          [fixtureBytes('sentry/legacy-webhooks-plugin.zulip-fixture.json')],
        );
        expect(plain.status).toBe(202);
        expect(plain.headers['x-request-id']).toBe('req-lean-1');
        expect(plain.headers['x-content-type-options']).toBe('nosniff');
        expect(String(plain.headers['server-timing'])).toMatch(/^app;dur=\d+\.\d\d$/);
        expect(JSON.parse(plain.body)).toMatchObject({ status: 'accepted' });
        const again = await raw(`/webhooks/sentry/${p.id}?token=${p.token}`, { 'Content-Type': 'application/json' }, [
          fixtureBytes('sentry/legacy-webhooks-plugin.zulip-fixture.json'),
        ]);
        expect(again.status).toBe(200);
        expect(JSON.parse(again.body)).toEqual({ id: JSON.parse(plain.body).id, status: 'duplicate' });
        const stored = await withDb(
          async (c) =>
            (await c.query('SELECT body FROM inbound_events WHERE project_id = $1 ORDER BY id', [p.id])).rows as Array<{
              body: string;
            }>,
        );
        expect(stored).toHaveLength(2);
        expect(stored[0].body).toBe(am.toString('utf8'));
        const line = t.logs.find((l) => l.includes('req-lean-1'));
        expect(line).toBeDefined();
        expect(JSON.parse(line as string)).toMatchObject({
          req: { id: 'req-lean-1', method: 'POST', url: `/webhooks/sentry/${p.id}` },
          res: { statusCode: 202 },
        });
        expect(t.logs.join('\n')).not.toContain(p.token);
      } finally {
        await new Promise((r) => server.close(r));
      }
    });

    it('lists failed deliveries with their error and replays them', async () => {
      const p = await project('replay');
      const [{ id }] = await withDb(
        async (c) =>
          (
            await c.query(
              `INSERT INTO inbound_events (project_id, source, kind, dedup_key, body, status, attempts, last_error) VALUES ($1, 'alertmanager', 'firing', 'manual-1', $2, 'failed', 5, 'Error: boom') RETURNING id`,
              [p.id, fixtureText('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json')],
            )
          ).rows,
      );
      const failed = await t.http().get(`/api/v1/projects/${p.id}/events?status=failed`).set(u.auth).expect(200);
      expect(failed.body).toEqual([
        expect.objectContaining({ id, status: 'failed', last_error: 'Error: boom', attempts: 5 }),
      ]);
      expect(JSON.stringify(failed.body)).not.toContain('High CPU');
      await t.http().get(`/api/v1/projects/${p.id}/events?status=bogus`).set(u.auth).expect(400);
      const replay = await t.http().post(`/api/v1/projects/${p.id}/events/${id}/replay`).set(u.auth).expect(202);
      expect(replay.body.status).toBe('pending');
      const rows = await waitForDeliveries(p.id, 1);
      expect(rows[0]).toMatchObject({ status: 'processed', signal_count: 2, last_error: null });
      const stranger = await registerAndLogin(t, 'replay-stranger');
      await t.http().post(`/api/v1/projects/${p.id}/events/${id}/replay`).set(stranger.auth).expect(404);
    });
  });
});
