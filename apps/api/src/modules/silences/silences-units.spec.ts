import { AlertState } from '@mozaic/correlation';
import { LabelMatcher } from '@mozaic/contracts';
import { detectChanges, IncidentSnapshot } from '../notifications/outbox/incident-changes';
import { fromAmMatcher, toAmMatcher } from './alertmanager/am-format';
import { alertLabels, silenceState, silencing, suppressed } from './matching/silence-matcher';
import { nextOccurrence, occurrences, windowProblem } from './maintenance/window-schedule';
import { inhibiting, PRESETS } from './matching/inhibition';

const alert = (over: Partial<AlertState> = {}): AlertState => ({
  id: 'a1',
  fingerprint: 'f',
  source: 'alertmanager',
  sourceRef: null,
  title: 'DiskFull: disk full',
  label: 'DiskFull',
  kind: 'alert',
  severity: 'high',
  status: 'firing',
  count: 1,
  firstSeen: 1000,
  lastSeen: 1000,
  resolvedAt: null,
  entities: { service: 'files', namespace: 'storage' },
  labels: { alertname: 'DiskFull', team: 'infra', instance: 'db-1:9100' },
  keys: [],
  context: {},
  templates: [],
  link: null,
  incidentId: 'i1',
  ...over,
});
const m = (name: string, op: LabelMatcher['op'], value: string): LabelMatcher => ({ name, op, value });
const silence = (matchers: LabelMatcher[], startsAt = 0, endsAt = 10_000) => ({ id: 's1', matchers, startsAt, endsAt });

describe('silences', () => {
  it('match on the source’s labels, MOZAIC’s entities, alertname, source and severity', () => {
    const a = alert();
    expect(alertLabels(a)).toMatchObject({
      alertname: ['DiskFull'],
      team: ['infra'],
      service: ['files'],
      source: ['alertmanager'],
      severity: ['high'],
    });
    expect(silencing(a, [silence([m('alertname', '=', 'DiskFull'), m('service', '=', 'files')])], 1000)).toEqual([
      's1',
    ]);
    expect(silencing(a, [silence([m('team', '=~', 'inf.*'), m('severity', '!=', 'low')])], 1000)).toEqual(['s1']);
    expect(silencing(a, [silence([m('alertname', '=', 'DiskFull'), m('service', '=', 'search')])], 1000)).toEqual([]);
    expect(silencing(alert({ labels: undefined }), [silence([m('alertname', '=', 'DiskFull')])], 1000)).toEqual(['s1']);
  });

  it('hold from startsAt up to, not including, endsAt (the exact boundary)', () => {
    const s = silence([m('service', '=', 'files')], 2000, 5000);
    expect([1999, 2000, 4999, 5000].map((t) => silenceState(s, t))).toEqual(['pending', 'active', 'active', 'expired']);
    expect([1999, 2000, 4999, 5000].map((t) => silencing(alert(), [s], t).length)).toEqual([0, 1, 1, 0]);
  });

  it('never hide an alert they do not match (random label sets and matchers)', () => {
    const names = ['alertname', 'service', 'team', 'job'];
    const values = ['a', 'b', 'files', ''];
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    for (let i = 0; i < 2000; i++) {
      const labels: Record<string, string> = {};
      for (const n of names) if (Math.random() < 0.6) labels[n] = pick(values.filter(Boolean));
      const a = alert({ labels, entities: {}, label: labels['alertname'] ?? 'x' });
      const matchers = [m(pick(names), pick(['=', '!='] as const), pick(values))];
      const got = silencing(a, [silence(matchers)], 1000).length === 1;
      const seen = alertLabels(a)[matchers[0].name]?.[0] ?? '';
      const holds = matchers[0].op === '=' ? seen === matchers[0].value : seen !== matchers[0].value;
      expect(got).toBe(holds);
    }
  });

  it('suppress an incident when every firing member is silenced', () => {
    const s = ['s1'];
    expect(suppressed([alert({ silencedBy: s }), alert({ id: 'a2', silencedBy: s })])).toBe(true);
    expect(suppressed([alert({ silencedBy: s }), alert({ id: 'a2', silencedBy: [] })])).toBe(false);
    expect(suppressed([alert({ silencedBy: s }), alert({ id: 'a2', status: 'resolved', silencedBy: [] })])).toBe(true);
    expect(suppressed([])).toBe(false);
  });

  it('notify nothing while suppressed, and open anew when the silence ends', () => {
    const base: IncidentSnapshot = {
      status: 'open',
      severity: 'high',
      members: 1,
      acknowledgedAt: null,
      resolvedAt: null,
      mergedInto: null,
      suppressed: false,
    };
    expect(detectChanges(undefined, { ...base, suppressed: true }, 5)).toEqual([]);
    expect(detectChanges({ ...base, suppressed: true }, { ...base, suppressed: true, members: 5 }, 5)).toEqual([]);
    expect(detectChanges({ ...base, suppressed: true }, base, 5).map((c) => [c.event, c.key])).toEqual([
      ['incident.opened', 'unsilenced:5'],
    ]);
  });

  it('speak Alertmanager’s matchers both ways', () => {
    for (const op of ['=', '!=', '=~', '!~'] as const)
      expect(fromAmMatcher(toAmMatcher(m('job', op, 'x')), 0)).toEqual(m('job', op, 'x'));
    expect(() => fromAmMatcher({ name: 'job', value: 1, isRegex: false }, 0)).toThrow(/value must be a string/);
  });
});

describe('maintenance windows', () => {
  const weekly = {
    startLocal: '2026-03-01T02:00',
    timezone: 'Europe/Berlin',
    durationMinutes: 120,
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
  };
  const spans = (from: string, to: string) =>
    occurrences(weekly, Date.parse(from), Date.parse(to)).map(([a, b]) => [
      new Date(a).toISOString(),
      new Date(b).toISOString(),
    ]);

  it('recur at the same local time across daylight-saving changes (Sunday 02:00 Europe/Berlin)', () => {
    expect(spans('2026-03-21T00:00Z', '2026-04-06T00:00Z')).toEqual([
      ['2026-03-22T01:00:00.000Z', '2026-03-22T03:00:00.000Z'], // CET: 02:00 is 01:00Z
      ['2026-03-29T01:00:00.000Z', '2026-03-29T03:00:00.000Z'], // spring forward: 02:00 does not exist, 03:00 CEST
      ['2026-04-05T00:00:00.000Z', '2026-04-05T02:00:00.000Z'], // CEST: 02:00 is 00:00Z
    ]);
    expect(spans('2026-10-20T00:00Z', '2026-10-27T00:00Z')).toEqual([
      ['2026-10-25T01:00:00.000Z', '2026-10-25T03:00:00.000Z'],
    ]);
    expect(spans('2026-12-07T00:00Z', '2026-12-12T00:00Z')).toEqual([]); // no Sunday in between
  });

  it('hold an alert during an occurrence only, up to its end exactly', () => {
    const w = { id: 'w1', matchers: [m('service', '=', 'files')] };
    const at = (iso: string) => {
      const t = Date.parse(iso);
      const list = occurrences(weekly, t, t).map(([startsAt, endsAt]) => ({ ...w, startsAt, endsAt }));
      return silencing(alert(), list, t);
    };
    expect(at('2026-12-06T01:00:00Z')).toEqual(['w1']);
    expect(at('2026-12-06T02:59:59.999Z')).toEqual(['w1']);
    expect(at('2026-12-06T03:00:00Z')).toEqual([]);
    expect(at('2026-12-06T00:59:59.999Z')).toEqual([]);
  });

  it('say when the next occurrence starts, however far the first one is', () => {
    const later = { ...weekly, startLocal: '2030-01-06T02:00' };
    expect(nextOccurrence(later, Date.parse('2026-12-01T00:00Z'))).toEqual([
      Date.parse('2030-01-06T01:00Z'),
      Date.parse('2030-01-06T03:00Z'),
    ]);
    expect(nextOccurrence({ ...weekly, rrule: null }, Date.parse('2026-12-01T00:00Z'))).toBeNull(); // once, long past
  });

  it('refuse what cannot be scheduled', () => {
    expect(windowProblem({ ...weekly, timezone: 'Mars/Olympus' })).toMatch(/not an IANA time zone/);
    expect(windowProblem({ ...weekly, rrule: 'FREQ=SOMETIMES' })).toMatch(/not an RFC 5545/);
    expect(windowProblem({ ...weekly, rrule: 'DTSTART:20260101T000000Z\nFREQ=DAILY' })).toMatch(/start_local/);
    expect(windowProblem({ ...weekly, startLocal: '2026-13-01 02:00' })).toMatch(/start_local/);
    expect(windowProblem({ ...weekly, rrule: null })).toBeNull();
  });
});

describe('inhibition', () => {
  const nodeDown = alert({
    id: 'n1',
    label: 'KubeNodeNotReady',
    labels: { alertname: 'KubeNodeNotReady', node: 'node-1' },
    entities: { host: 'node-1' },
  });
  const pod = (id: string, node: string | undefined) =>
    alert({
      id,
      label: 'KubePodCrashLooping',
      labels: { alertname: 'KubePodCrashLooping', pod: id, ...(node ? { node } : {}) },
      entities: { pod: id },
    });

  it('inhibits the targets with equal labels while the source fires, never the source itself', () => {
    const rules = [PRESETS['node-down']];
    expect(inhibiting(pod('p1', 'node-1'), [nodeDown], rules)).toEqual(['n1']);
    expect(inhibiting(pod('p2', 'node-2'), [nodeDown], rules)).toEqual([]);
    expect(inhibiting(pod('p3', undefined), [nodeDown], rules)).toEqual([]); // a target must name its node
    expect(inhibiting(pod('p1', 'node-1'), [{ ...nodeDown, status: 'resolved' }], rules)).toEqual([]);
    expect(inhibiting(nodeDown, [nodeDown], rules)).toEqual([]);
  });

  it('takes a label both lack as equal, as Alertmanager does', () => {
    const rule = {
      sourceMatchers: [m('severity', '=', 'critical')],
      targetMatchers: [m('severity', '=', 'warning')],
      equal: ['team'],
    };
    const critical = alert({ id: 'c', severity: 'critical', labels: { alertname: 'X', severity: 'critical' } });
    const warning = alert({ id: 'w', severity: 'medium', labels: { alertname: 'X', severity: 'warning' } });
    expect(inhibiting(warning, [critical], [rule])).toEqual(['c']);
    expect(inhibiting({ ...warning, labels: { ...warning.labels, team: 'a' } }, [critical], [rule])).toEqual([]);
  });
});
