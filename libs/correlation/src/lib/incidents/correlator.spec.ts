import { Signal } from '@mozaic/contracts';
import { Correlator } from './correlator';
import { MemoryStore } from './store';

const T0 = Date.parse('2026-11-02T10:00:00Z');
const sig = (minute: number, over: Partial<Signal>): Signal => ({
  projectId: 'p',
  source: 'alertmanager',
  sourceRef: null,
  occurredAt: new Date(T0 + minute * 60_000).toISOString(),
  severity: 'medium',
  status: 'firing',
  title: 'x',
  message: '',
  entities: {},
  raw: null,
  ...over,
});

describe('Correlator', () => {
  it('groups an alert that names no entity by a shared log template, and says so', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const a = c.ingest(sig(0, { sourceRef: 'a', entities: { service: 'checkout' } }), ['t-42']);
    const b = c.ingest(sig(2, { sourceRef: 'b', title: 'log burst' }), ['t-42']);
    expect(b).toMatchObject({ action: 'joined', incidentId: a.incidentId });
    const reason = store.incidents.get(a.incidentId as string)?.reasons[b.alertId];
    // The checkout alert still fires: the log burst lands during the incident's activity.
    expect(reason).toMatchObject({
      matched_entities: [],
      shared_templates: ['t-42'],
      time_distance_s: 0,
    });
    expect(reason?.summary).toMatch(/Same log template/);
  });

  it('does not group by template an alert that names another entity', () => {
    const c = new Correlator(new MemoryStore());
    const a = c.ingest(sig(0, { sourceRef: 'a', entities: { service: 'checkout' } }), ['t-42']);
    const b = c.ingest(sig(1, { sourceRef: 'b', entities: { service: 'search' } }), ['t-42']);
    expect(b.incidentId).not.toBe(a.incidentId);
  });

  it('folds two open incidents into the older when one alert connects both by entity', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const a = c.ingest(sig(0, { sourceRef: 'a', entities: { service: 'checkout', alarm: 'checkout-5xx' } }), ['t-1']);
    const b = c.ingest(sig(1, { sourceRef: 'b', title: 'y', entities: { service: 'ledger', alarm: 'ledger-cpu' } }), [
      't-2',
    ]);
    expect(b.incidentId).not.toBe(a.incidentId);
    // A composite alarm over both names both alarms.
    const bridge = c.ingest(
      sig(2, { sourceRef: 'c', title: 'z', entities: { aggregates: 'checkout-5xx,ledger-cpu' } }),
    );
    expect(bridge.action).toBe('merged');
    expect(bridge.incidentId).toBe(a.incidentId);
    const folded = store.incidents.get(b.incidentId as string);
    expect(folded).toMatchObject({
      mergedInto: a.incidentId,
      status: 'resolved',
      memberIds: [],
    });
    expect(store.incidents.get(a.incidentId as string)?.memberIds).toHaveLength(3);
    expect(store.alerts.get(b.alertId)?.incidentId).toBe(a.incidentId);
    // Later signals of the folded incident's alert land in the survivor.
    expect(c.ingest(sig(3, { sourceRef: 'b', title: 'y', entities: { service: 'ledger' } })).incidentId).toBe(
      a.incidentId,
    );
  });

  it('never folds incidents on a shared log template alone (templates are evidence for entity-less alerts only)', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const a = c.ingest(sig(0, { sourceRef: 'a', title: 'x' }), ['t-1']);
    const b = c.ingest(sig(1, { sourceRef: 'b', title: 'y' }), ['t-2']);
    const bridge = c.ingest(sig(2, { sourceRef: 'c', title: 'z' }), ['t-1', 't-2']);
    expect(bridge.action).toBe('joined');
    expect(new Set([a.incidentId, b.incidentId])).toContain(bridge.incidentId);
    expect(store.incidents.get(a.incidentId as string)?.mergedInto).toBeNull();
    expect(store.incidents.get(b.incidentId as string)?.mergedInto).toBeNull();
  });

  it('counts a template held by several open incidents as no evidence', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const a = c.ingest(sig(0, { sourceRef: 'a', entities: { service: 'checkout' } }), ['t-common']);
    const b = c.ingest(sig(1, { sourceRef: 'b', entities: { service: 'ledger' } }), ['t-common']);
    const lone = c.ingest(sig(2, { sourceRef: 'c', title: 'composite' }), ['t-common']);
    expect(lone.action).toBe('created');
    expect([a.incidentId, b.incidentId]).not.toContain(lone.incidentId);
  });

  it('uses the latest occurrence for the alert state, even when signals arrive late', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    c.ingest(sig(5, { sourceRef: 'a', status: 'resolved' }));
    const late = c.ingest(sig(1, { sourceRef: 'a', status: 'firing' }));
    const alert = store.alerts.get(late.alertId);
    expect(alert).toMatchObject({
      status: 'resolved',
      count: 2,
      firstSeen: T0 + 60_000,
      lastSeen: T0 + 5 * 60_000,
    });
  });

  it('does not open an incident for an alert that only ever resolved', () => {
    const store = new MemoryStore();
    const out = new Correlator(store).ingest(sig(0, { sourceRef: 'a', status: 'resolved' }));
    expect(out.incidentId).toBeNull();
    expect(store.incidents.size).toBe(0);
  });

  it('never reopens an incident into a second open one of the same grouping key', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const first = c.ingest(sig(0, { sourceRef: 'a', entities: { service: 'checkout' } }));
    const inc = store.incidents.get(first.incidentId as string);
    if (!inc) throw new Error('no incident');
    c.resolve(inc, T0 + 60_000);
    const second = c.ingest(sig(30, { sourceRef: 'b', entities: { service: 'checkout' } }));
    expect(second.action).toBe('created');
    expect(c.reopen(inc)).toBe(false);
    expect(inc.status).toBe('resolved');
  });

  it('resolves an incident of alerts that never say "resolved" once they stay silent', () => {
    const store = new MemoryStore();
    const c = new Correlator(store, { staleAfterMs: 30 * 60_000, quietPeriodMs: 5 * 60_000 });
    const a = c.ingest(
      sig(0, { source: 'kubernetes', sourceRef: 'pod:BackOff', kind: 'crashloop', entities: { service: 'checkout' } }),
    );
    const inc = store.incidents.get(a.incidentId as string);
    if (!inc) throw new Error('no incident');
    expect(c.tick(T0 + 20 * 60_000, [inc])).toEqual([]);
    expect(c.tick(T0 + 36 * 60_000, [inc])).toEqual([inc.id]);
    expect(inc.resolvedAt).toBe(T0);
  });

  it('keeps an incident of an alert that can resolve open while it has not', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const a = c.ingest(sig(0, { sourceRef: 'am', kind: 'alert', entities: { host: 'db-1' } }));
    const inc = store.incidents.get(a.incidentId as string);
    if (!inc) throw new Error('no incident');
    expect(c.tick(T0 + 24 * 3600_000, [inc])).toEqual([]);
  });
});

describe('Correlator.ingestAll', () => {
  /** A batch with joins, a merge, a severity change, sources and a resolution. */
  const batch = (): Array<{ signal: Signal; templates: string[] }> => [
    { signal: sig(0, { sourceRef: 'a', title: 'cpu', entities: { service: 'checkout' } }), templates: ['t-1'] },
    { signal: sig(1, { sourceRef: 'b', title: 'log burst' }), templates: ['t-2'] },
    { signal: sig(1, { sourceRef: 'b2', title: 'log burst', entities: { alarm: 'burst' } }), templates: ['t-2'] },
    {
      signal: sig(2, { sourceRef: 'c', title: 'bridge', entities: { service: 'checkout', aggregates: 'burst' } }),
      templates: ['t-1'],
    },
    {
      signal: sig(3, {
        sourceRef: 'd',
        source: 'sentry',
        severity: 'high',
        title: 'TypeError',
        entities: { service: 'checkout' },
      }),
      templates: ['t-3'],
    },
    { signal: sig(4, { sourceRef: 'e', title: 'disk', entities: { service: 'search' } }), templates: ['t-4'] },
    {
      signal: sig(5, { sourceRef: 'a', title: 'cpu', status: 'resolved', entities: { service: 'checkout' } }),
      templates: ['t-1'],
    },
    {
      signal: sig(6, { sourceRef: 'f', title: 'OOMKilled', kind: 'oom', entities: { service: 'search' } }),
      templates: ['t-5'],
    },
  ];

  it('ends in the state of one ingest() per signal', () => {
    const one = new MemoryStore();
    const c1 = new Correlator(one);
    const outcomesOne = batch().map(({ signal, templates }) => c1.ingest(signal, templates));
    const all = new MemoryStore();
    const outcomesAll = new Correlator(all).ingestAll(batch());
    expect(outcomesAll).toEqual(outcomesOne);
    expect([...all.alerts.values()]).toEqual([...one.alerts.values()]);
    expect([...all.incidents.values()]).toEqual([...one.incidents.values()]);
    // The folded incident keeps what it showed when it was folded.
    const folded = [...all.incidents.values()].find((i) => i.mergedInto);
    expect(folded?.title).toBe('log burst: log burst');
  });
});
