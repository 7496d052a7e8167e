import { LabelMatcher } from '@mozaic/contracts';
import { parseSettings } from './channels/channel-settings';
import { signature } from './delivery/messages/webhook.message';
import { httpOutcome, retryAfterMs } from './delivery/transports/delivery-result';
import { HttpPoster } from './delivery/transports/http-post';
import { detectChanges, IncidentSnapshot } from './outbox/incident-changes';
import { matcherProblem, matches } from './routing/label-matcher';
import { routeChange, RouteRule } from './routing/route-matcher';

const labels = { service: ['checkout', 'payments'], namespace: ['shop'], source: ['alertmanager'] };
const m = (name: string, op: LabelMatcher['op'], value: string): LabelMatcher => ({ name, op, value });

describe('label matchers (Alertmanager semantics over an incident’s values)', () => {
  it('= and =~ hold when one value matches; != and !~ when none does', () => {
    expect(matches(m('service', '=', 'payments'), labels)).toBe(true);
    expect(matches(m('service', '!=', 'payments'), labels)).toBe(false);
    expect(matches(m('service', '!=', 'search'), labels)).toBe(true);
    expect(matches(m('service', '=~', 'pay.*'), labels)).toBe(true);
    expect(matches(m('service', '!~', 'pay.*'), labels)).toBe(false);
  });

  it('anchors patterns at both ends, as Alertmanager does', () => {
    expect(matches(m('service', '=~', 'pay'), labels)).toBe(false);
    expect(matches(m('service', '=~', 'check|pay'), labels)).toBe(false);
    expect(matches(m('service', '=~', 'checkout|search'), labels)).toBe(true);
  });

  it('treats a missing name as the empty value', () => {
    expect(matches(m('team', '=', ''), labels)).toBe(true);
    expect(matches(m('team', '!=', ''), labels)).toBe(false);
    expect(matches(m('team', '=~', '.+'), labels)).toBe(false);
  });

  it('never matches a value it does not match (random values against literal patterns)', () => {
    for (let i = 0; i < 500; i++) {
      const v = Math.random()
        .toString(36)
        .slice(2, 2 + (i % 9));
      const w = Math.random()
        .toString(36)
        .slice(2, 2 + (i % 7));
      const l = { x: [v] };
      expect(matches(m('x', '=', w), l)).toBe(v === w);
      expect(matches(m('x', '=~', w.replace(/[^a-z0-9]/g, '')), l)).toBe(v === w.replace(/[^a-z0-9]/g, ''));
      expect(matches(m('x', '!=', w), l)).toBe(v !== w);
    }
  });

  it('rejects patterns RE2 does not accept, and stays linear on patterns that backtrack elsewhere', () => {
    expect(matcherProblem(m('x', '=~', '(a'))).toMatch(/not a valid RE2 expression/);
    expect(matcherProblem(m('x', '=~', '(?=a)b'))).toMatch(/not a valid RE2 expression/); // no lookahead in RE2
    expect(matcherProblem(m('x', '=~', 'a'.repeat(501)))).toMatch(/longer than 500/);
    expect(matcherProblem(m('x', '=', '(a'))).toBeNull();
    // A backtracking engine would not finish this in the test's lifetime; RE2 is linear.
    expect(matches(m('x', '=~', '(a+)+$'), { x: ['a'.repeat(5000) + 'b'] })).toBe(false);
  });
});

describe('routing', () => {
  const rule = (over: Partial<RouteRule>): RouteRule => ({
    severityAtLeast: null,
    events: [],
    matchers: [],
    channelIds: [],
    continueMatching: false,
    isDefault: false,
    ...over,
  });
  const change = { event: 'incident.opened' as const, severity: 'high' as const, labels };

  it('stops at the first matching rule unless it says continue', () => {
    const rules = [
      rule({ severityAtLeast: 'critical', channelIds: ['pager'] }),
      rule({ matchers: [m('namespace', '=', 'shop')], channelIds: ['shop'], continueMatching: true }),
      rule({ channelIds: ['all'] }),
      rule({ channelIds: ['late'] }),
    ];
    expect(routeChange(rules, change)).toEqual(['shop', 'all']);
    expect(routeChange(rules, { ...change, severity: 'critical' })).toEqual(['pager']);
  });

  it('uses the default rule only when nothing else matched, and filters by event', () => {
    const rules = [
      rule({ events: ['incident.resolved'], channelIds: ['resolved-only'] }),
      rule({ isDefault: true, channelIds: ['default'] }),
    ];
    expect(routeChange(rules, change)).toEqual(['default']);
    expect(routeChange(rules, { ...change, event: 'incident.resolved' })).toEqual(['resolved-only']);
    expect(routeChange([rule({ channelIds: ['a', 'a'] })], change)).toEqual(['a']);
  });
});

describe('which changes notify', () => {
  const open: IncidentSnapshot = {
    suppressed: false,
    status: 'open',
    severity: 'medium',
    members: 2,
    acknowledgedAt: null,
    resolvedAt: null,
    mergedInto: null,
  };
  const kinds = (before: IncidentSnapshot | undefined, after: IncidentSnapshot) =>
    detectChanges(before, after, 1000).map((c) => (c.change ? `${c.event}/${c.change}` : c.event));

  it('opened, acknowledged, resolved, reopened and updated (severity first, then alerts)', () => {
    expect(kinds(undefined, open)).toEqual(['incident.opened']);
    expect(kinds(undefined, { ...open, status: 'resolved', resolvedAt: 5 })).toEqual([]);
    expect(kinds(open, { ...open, status: 'acknowledged', acknowledgedAt: 3 })).toEqual(['incident.acknowledged']);
    expect(kinds(open, { ...open, status: 'resolved', resolvedAt: 5 })).toEqual(['incident.resolved']);
    expect(kinds({ ...open, status: 'resolved', resolvedAt: 5 }, open)).toEqual(['incident.reopened']);
    expect(kinds(open, { ...open, severity: 'high', members: 3 })).toEqual(['incident.updated/severity_raised']);
    expect(kinds(open, { ...open, members: 3 })).toEqual(['incident.updated/alerts_added']);
    expect(kinds(open, { ...open, severity: 'low' })).toEqual([]);
    expect(kinds(open, open)).toEqual([]);
    expect(kinds(open, { ...open, mergedInto: 'x' })).toEqual(['incident.resolved']);
    expect(kinds({ ...open, mergedInto: 'x' }, { ...open, mergedInto: 'x', members: 9 })).toEqual([]);
  });

  it('keys each lifecycle change by its own time, so the same change is never written twice', () => {
    const a = detectChanges(open, { ...open, status: 'resolved', resolvedAt: 5 }, 1);
    const b = detectChanges(open, { ...open, status: 'resolved', resolvedAt: 5 }, 2);
    expect(a[0].key).toBe(b[0].key);
  });
});

describe('channel settings and delivery rules', () => {
  it('splits secrets from settings, masks them, keeps a secret left out of an update', () => {
    const p = parseSettings('pagerduty', { routing_key: 'abcdef0123456789abcdef0123456789' });
    expect(p.secrets).toEqual({ routing_key: 'abcdef0123456789abcdef0123456789' });
    expect(p.hints['routing_key']).toBe('••••6789');
    expect(p.settings['url']).toBe('https://events.pagerduty.com/v2/enqueue');
    expect(parseSettings('pagerduty', {}, p.secrets).secrets).toEqual(p.secrets);
    const w = parseSettings('webhook', { url: 'https://example.com/hook' });
    expect(w.secrets['signing_secret']).toMatch(/^whsec_/);
    expect(parseSettings('webhook', {}, w.secrets).secrets['signing_secret']).toBe(w.secrets['signing_secret']);
  });

  it('signs t.body with HMAC-SHA256 (a fixed vector)', () => {
    // The vector: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expect(signature('whsec_test', '{"a":1}', 1700000000)).toBe(
      't=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789',
    );
  });

  it('retries 429, 408 and 5xx; gives up on other 4xx and redirects', () => {
    expect([200, 202, 429, 408, 500, 503, 400, 401, 404, 301].map(httpOutcome)).toEqual([
      'sent',
      'sent',
      'retry',
      'retry',
      'retry',
      'retry',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(55_000);
  });
});

describe('the outbound policy on notifications', () => {
  it('refuses a private address when the policy blocks them, as a permanent failure', async () => {
    const poster = new HttpPoster({ blockPrivate: true, socketAllowlist: [] });
    try {
      for (const url of ['http://127.0.0.1:9/hook', 'http://169.254.169.254/latest', 'http://[::ffff:10.0.0.1]/x']) {
        const r = await poster.post({ kind: 'http', url, headers: {}, body: '{}' }, 1000);
        expect(r).toMatchObject({ outcome: 'failed', status: null });
        expect(r.answer).toMatch(/^refused by the outbound policy/);
      }
    } finally {
      poster.close();
    }
  });
});
