import { Signal } from '@mozaic/contracts';
import { Correlator } from './correlator';
import { IncidentState } from './model';
import { MemoryStore } from './store';

const T0 = Date.parse('2026-11-20T09:00:00Z');
const sig = (minute: number, ref: string, entities: Signal['entities']): Signal => ({
  projectId: 'p',
  source: 'alertmanager',
  sourceRef: ref,
  occurredAt: new Date(T0 + minute * 60_000).toISOString(),
  severity: 'medium',
  status: 'firing',
  title: ref,
  message: '',
  entities,
  raw: null,
});
const alertOf = (store: MemoryStore, id: string) => {
  const a = store.alerts.get(id);
  if (!a) throw new Error(`no alert ${id}`);
  return a;
};
const resolved = (minute: number, ref: string, entities: Signal['entities']): Signal => ({
  ...sig(minute, ref, entities),
  status: 'resolved',
});

describe('corrections', () => {
  it('a merge folds one incident into the other and the pair groups by itself next time, citing the person', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const a = c.ingest(sig(0, 'a', { service: 'checkout' }));
    const b = c.ingest(sig(1, 'b', { service: 'pricing' }));
    expect(b.incidentId).not.toBe(a.incidentId);
    const into = store.incidents.get(b.incidentId as string) as IncidentState;
    const rules = c.mergeIncidents(
      store.incidents.get(a.incidentId as string) as IncidentState,
      into,
      T0 + 5 * 60_000,
      'alice@example.com on 20 Nov',
    );
    expect(rules).toEqual([
      { keyA: 'service:checkout', keyB: 'service:pricing', relation: 'together', by: 'alice@example.com on 20 Nov' },
    ]);
    expect(store.incidents.get(a.incidentId as string)?.mergedInto).toBe(into.id);
    expect(into.memberIds).toHaveLength(2);
    expect(into.reasons[a.alertId].summary).toMatch(/merged by alice@example.com/);

    // Both end; a day later they fire again, minutes apart.
    c.ingest(resolved(10, 'a', { service: 'checkout' }));
    c.ingest(resolved(10, 'b', { service: 'pricing' }));
    store.learned.push(...rules);
    const later = c.ingest(sig(1440, 'c', { service: 'checkout' }));
    const next = c.ingest(sig(1442, 'd', { service: 'pricing' }));
    expect(next.incidentId).toBe(later.incidentId);
    expect(store.incidents.get(next.incidentId as string)?.reasons[next.alertId].summary).toBe(
      'Grouped because alice@example.com on 20 Nov put service checkout and service pricing together, during the incident',
    );
  });

  it('a move takes the alert out, into a new incident, and keeps that entity apart from then on', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const a = c.ingest(sig(0, 'a', { service: 'search', alarm: 'search-cpu' }));
    const b = c.ingest(sig(1, 'b', { service: 'indexer', aggregates: 'search-cpu' }));
    expect(b.incidentId).toBe(a.incidentId);
    const from = store.incidents.get(a.incidentId as string) as IncidentState;
    const { incident, rules } = c.moveAlert(alertOf(store, b.alertId), from, null, 'bob on 20 Nov');
    expect(from.memberIds).toEqual([a.alertId]);
    expect(incident.memberIds).toEqual([b.alertId]);
    expect(store.alerts.get(b.alertId)?.incidentId).toBe(incident.id);
    expect(incident.reasons[b.alertId].summary).toBe('Moved here by bob on 20 Nov');
    expect(rules).toContainEqual({
      keyA: 'service:indexer',
      keyB: 'service:search',
      relation: 'apart',
      by: 'bob on 20 Nov',
    });

    store.learned.push(...rules);
    const again = c.ingest(sig(3, 'c', { service: 'indexer', aggregates: 'search-cpu' }));
    expect(again.incidentId).not.toBe(from.id);
  });

  it('an incident left empty by a move points at where its alert went', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    const a = c.ingest(sig(0, 'a', { service: 'cart' }));
    const b = c.ingest(sig(30, 'b', { service: 'ledger' }));
    const from = store.incidents.get(a.incidentId as string) as IncidentState;
    const to = store.incidents.get(b.incidentId as string) as IncidentState;
    c.moveAlert(alertOf(store, a.alertId), from, to, 'carol');
    expect(from).toMatchObject({ memberIds: [], mergedInto: to.id, status: 'resolved' });
    expect(to.memberIds.sort()).toEqual([a.alertId, b.alertId].sort());
  });
});

describe('history', () => {
  it('joins the entities that fired together in a past incident when they start together again', () => {
    const store = new MemoryStore();
    const c = new Correlator(store);
    // First outage: a composite alarm over both alarms tied the database and the API together.
    const db = c.ingest(sig(0, 'db', { service: 'ledger-db', alarm: 'ledger-db-cpu' }));
    c.ingest(sig(1, 'api', { service: 'payments', alarm: 'payments-5xx' }));
    c.ingest(sig(1, 'composite', { aggregates: 'ledger-db-cpu,payments-5xx' }));
    const first = store.incidents.get(db.incidentId as string) as IncidentState;
    expect(first.memberIds).toHaveLength(3);
    for (const ref of ['db', 'api', 'composite']) c.ingest(resolved(20, ref, {}));
    expect(c.tick(T0 + 40 * 60_000, store.openIncidents())).toContain(first.id);

    // Hours later, no composite this time.
    const again = c.ingest(sig(300, 'db2', { service: 'ledger-db' }));
    const client = c.ingest(sig(302, 'api2', { service: 'payments' }));
    expect(client.incidentId).toBe(again.incidentId);
    expect(store.incidents.get(client.incidentId as string)?.reasons[client.alertId].summary).toMatch(
      /^Fired together before: service payments and service ledger-db in ".*" \(2026-11-20 09:00 UTC\), started within moments/,
    );
    // Far apart in time, history alone says nothing.
    for (const ref of ['db2', 'api2']) c.ingest(resolved(320, ref, {}));
    const db3 = c.ingest(sig(500, 'db3', { service: 'ledger-db' }));
    const late = c.ingest(sig(530, 'api3', { service: 'payments' }));
    expect(late.incidentId).not.toBe(db3.incidentId);
  });
});
