import { Correlator, fingerprint, IncidentState, MemoryStore } from '@mozaic/correlation';
import { Signal } from '@mozaic/contracts';
import { alertmanager, at, cloudWatchAlarm, dockerEvent, k8sBackOff, sentryEvent, sentryIssue, T0 } from './stories';

function replay(signals: Signal[]) {
  const store = new MemoryStore();
  const correlator = new Correlator(store);
  const outcomes = signals.map((s) => correlator.ingest(s));
  return { store, correlator, outcomes };
}

/** The incidents (not merged away) as sets of member fingerprints, sorted for comparison. */
function partition(store: MemoryStore): string[][] {
  return [...store.incidents.values()]
    .filter((i) => !i.mergedInto)
    .map((i) => i.memberIds.map((id) => store.alerts.get(id)?.fingerprint ?? '?').sort())
    .sort((a, b) => a.join().localeCompare(b.join()));
}

function live(store: MemoryStore): IncidentState[] {
  return [...store.incidents.values()].filter((i) => !i.mergedInto);
}

describe('correlation scenarios (fixtures → mappers → engine)', () => {
  describe('checkout outage: a crash loop, a 5xx alarm and Sentry errors become one incident', () => {
    const signals = [
      k8sBackOff(0),
      alertmanager(1, 'firing'), // High CPU Temperature on host andromeda: unrelated
      cloudWatchAlarm(2, 'ALARM'),
      sentryEvent(3),
      sentryIssue(4, 'created'),
    ];

    it('partitions into the checkout incident and the unrelated one', () => {
      const { store } = replay(signals);
      const fp = (s: Signal) => fingerprint(s);
      expect(partition(store)).toEqual(
        [[fp(signals[0]), fp(signals[2]), fp(signals[3])].sort(), [fp(signals[1])]].sort((a, b) =>
          a.join().localeCompare(b.join()),
        ),
      );
    });

    it('rates it high (a crash loop; three sources agree, none says critical) and titles it for people', () => {
      const { store, outcomes } = replay(signals);
      const inc = store.incidents.get(outcomes[0].incidentId as string) as IncidentState;
      expect(inc.severity).toBe('high');
      expect(inc.sources).toEqual(['kubernetes', 'cloudwatch', 'sentry']);
      expect(inc.title).toBe('checkout: CrashLoopBackOff + checkout-5xx + 2 Sentry errors');
      expect(inc.groupingKey).toBe('service:checkout|cluster=prod-eu|namespace=shop');
      expect(inc.startedAt).toBe(T0);
    });

    it('explains every membership', () => {
      const { store, outcomes } = replay(signals);
      const inc = store.incidents.get(outcomes[0].incidentId as string) as IncidentState;
      const [k8s, cw, sentry] = [outcomes[0], outcomes[2], outcomes[3]].map((o) => inc.reasons[o.alertId]);
      expect(k8s).toMatchObject({
        matched_entities: ['service:checkout'],
        time_distance_s: 0,
      });
      expect(k8s.summary).toMatch(/First alert for service checkout/);
      expect(cw).toMatchObject({
        matched_entities: ['service:checkout'],
        time_distance_s: 120,
      });
      expect(cw.summary).toBe('Same service checkout, 120 s from the nearest related alert');
      // The 5xx alarm still fires: the Sentry error lands during the incident's activity.
      expect(sentry).toMatchObject({
        matched_entities: ['service:checkout'],
        time_distance_s: 0,
      });
    });

    it('folds Sentry issue and event deliveries of one issue into one alert with a count', () => {
      const { store, outcomes } = replay(signals);
      expect(outcomes[4].alertId).toBe(outcomes[3].alertId);
      expect(store.alerts.get(outcomes[3].alertId)?.count).toBe(2);
    });

    it('keeps the unrelated host alert apart, at its own severity', () => {
      const { store, outcomes } = replay(signals);
      const other = store.incidents.get(outcomes[1].incidentId as string) as IncidentState;
      expect(other.id).not.toBe(outcomes[0].incidentId);
      expect(other).toMatchObject({
        severity: 'critical',
        groupingKey: 'host:andromeda',
        title: 'andromeda: High CPU Temperature',
      });
    });
  });

  describe('time window', () => {
    it('does not group alerts of one service further apart than the window when the first incident is resolved', () => {
      const { store, correlator, outcomes } = replay([
        k8sBackOff(0),
        cloudWatchAlarm(1, 'ALARM'),
        cloudWatchAlarm(3, 'OK'),
      ]);
      const first = store.incidents.get(outcomes[0].incidentId as string) as IncidentState;
      correlator.resolve(first, Date.parse(at(5)));
      const late = correlator.ingest(sentryEvent(40));
      expect(late.incidentId).not.toBe(first.id);
      expect(store.incidents.get(late.incidentId as string)?.previousIncidentId).toBe(first.id);
    });

    it('joins an alert 9 minutes after a member of its service, but not one 11 minutes after', () => {
      const a = replay([k8sBackOff(0, 'search-5d4f8b7c9-abcde', 'shop', 'uid-s1'), sentryEvent(9, 'search', '77')]);
      expect(a.outcomes[1]).toMatchObject({
        action: 'joined',
        incidentId: a.outcomes[0].incidentId,
      });
      const b = replay([k8sBackOff(0, 'search-5d4f8b7c9-abcde', 'shop', 'uid-s1'), sentryEvent(11, 'search', '77')]);
      expect(b.outcomes[1].action).toBe('created');
      expect(b.outcomes[1].incidentId).not.toBe(b.outcomes[0].incidentId);
    });

    it('decides in occurrence time: an alert of the same key beyond the window starts a new, linked incident', () => {
      const { outcomes, store } = replay([
        k8sBackOff(0, 'search-5d4f8b7c9-abcde', 'shop', 'uid-s1'),
        k8sBackOff(30, 'search-5d4f8b7c9-fghij', 'shop', 'uid-s2'),
      ]);
      // No sweeper ran: the first incident closes as of its last activity when the next signal is filed.
      const first = store.incidents.get(outcomes[0].incidentId as string) as IncidentState;
      expect(first).toMatchObject({ status: 'resolved', resolvedAt: T0 });
      expect(outcomes[1]).toMatchObject({ action: 'created' });
      expect(outcomes[1].touchedIncidents).toContain(first.id);
      expect(store.incidents.get(outcomes[1].incidentId as string)?.previousIncidentId).toBe(first.id);
    });

    it('keeps joining an incident while a member that says when it ends still fires', () => {
      const { outcomes } = replay([
        alertmanager(
          0,
          'firing',
          {
            alertname: 'KubeHpaMaxedOut',
            horizontalpodautoscaler: 'search',
            namespace: 'shop',
            job: 'kube-state-metrics',
          },
          'fp-hpa',
        ),
        sentryEvent(45, 'search', '78'),
      ]);
      expect(outcomes[1]).toMatchObject({ action: 'joined', incidentId: outcomes[0].incidentId });
    });

    it('does not group alerts of one node: pods and containers only run there', () => {
      const { outcomes } = replay([
        k8sBackOff(0, 'search-5d4f8b7c9-abcde', 'shop', 'u1'),
        k8sBackOff(1, 'cart-5d4f8b7c9-abcde', 'shop', 'u2'),
      ]);
      expect(outcomes[1].incidentId).not.toBe(outcomes[0].incidentId);
    });
  });

  describe('context', () => {
    it('never groups the same service of different namespaces', () => {
      const { outcomes, store } = replay([
        k8sBackOff(0, 'checkout-7d9f8b6c5d-aaaaa', 'shop', 'u1'),
        k8sBackOff(1, 'checkout-7d9f8b6c5d-bbbbb', 'staging', 'u2'),
      ]);
      expect(outcomes[1].incidentId).not.toBe(outcomes[0].incidentId);
      expect(live(store)).toHaveLength(2);
    });
  });

  describe('docker', () => {
    it('groups an OOM kill, a non-zero exit and Sentry errors of one compose service; an OOM makes it at least high', () => {
      const { store, outcomes } = replay([
        dockerEvent(0, 'oom'),
        dockerEvent(0, 'die'),
        sentryEvent(2, 'payments', '555'),
      ]);
      expect(new Set(outcomes.map((o) => o.incidentId)).size).toBe(1);
      const inc = store.incidents.get(outcomes[0].incidentId as string) as IncidentState;
      expect(inc.severity).toBe('high');
      expect(inc.title).toBe('payments: container exited 137 + OOMKilled + 1 Sentry error');
    });
  });

  describe('lifecycle', () => {
    const host = { host: 'db-1' };

    it('auto-resolves after every member resolved and the quiet period passed; recurrence in the window reopens; later it opens a linked incident', () => {
      const store = new MemoryStore();
      const c = new Correlator(store, {
        windowMs: 10 * 60_000,
        quietPeriodMs: 5 * 60_000,
      });
      const first = c.ingest(alertmanager(0, 'firing', host, 'fp-db'));
      const inc = store.incidents.get(first.incidentId as string) as IncidentState;
      c.ingest(alertmanager(2, 'resolved', host, 'fp-db'));
      expect(c.tick(Date.parse(at(4)), [inc])).toEqual([]); // quiet period not over
      expect(inc.status).toBe('open');
      expect(c.tick(Date.parse(at(8)), [inc])).toEqual([inc.id]);
      expect(inc).toMatchObject({
        status: 'resolved',
        resolvedAt: Date.parse(at(2)),
      });

      const again = c.ingest(alertmanager(10, 'firing', host, 'fp-db'));
      expect(again).toMatchObject({ action: 'reopened', incidentId: inc.id });
      expect(inc.status).toBe('open');

      c.ingest(alertmanager(11, 'resolved', host, 'fp-db'));
      c.tick(Date.parse(at(20)), [inc]);
      expect(inc.status).toBe('resolved');
      const later = c.ingest(alertmanager(45, 'firing', host, 'fp-db'));
      expect(later.action).toBe('created');
      expect(later.incidentId).not.toBe(inc.id);
      expect(store.incidents.get(later.incidentId as string)?.previousIncidentId).toBe(inc.id);
    });

    it('does not resolve while any member still fires, and acknowledges on request', () => {
      const store = new MemoryStore();
      const c = new Correlator(store);
      const a = c.ingest(alertmanager(0, 'firing', host, 'fp-a'));
      c.ingest(alertmanager(1, 'firing', { ...host, alertname: 'Disk full' }, 'fp-b'));
      c.ingest(alertmanager(2, 'resolved', host, 'fp-a'));
      const inc = store.incidents.get(a.incidentId as string) as IncidentState;
      expect(c.tick(Date.parse(at(60)), [inc])).toEqual([]);
      c.acknowledge(inc, Date.parse(at(3)));
      expect(inc).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: Date.parse(at(3)),
      });
    });
  });

  describe('properties', () => {
    const story = [
      k8sBackOff(0),
      cloudWatchAlarm(1, 'ALARM'),
      sentryEvent(2),
      alertmanager(3, 'firing'),
      k8sBackOff(4, 'search-5d4f8b7c9-abcde', 'shop', 'uid-search'),
      sentryEvent(5, 'search', '999'),
      alertmanager(6, 'firing', { host: 'db-1', alertname: 'Disk full' }, 'fp-disk'),
      dockerEvent(7, 'oom', 'shop-checkout-1', 'checkout'),
      sentryIssue(8, 'created'),
    ];

    it('replaying every signal twice changes nothing', () => {
      const once = replay(story);
      const twice = replay([...story, ...story]);
      expect(partition(twice.store)).toEqual(partition(once.store));
      expect([...twice.store.alerts.values()].map((a) => a.count)).toEqual(
        [...once.store.alerts.values()].map((a) => a.count),
      );
      expect(twice.outcomes.slice(story.length).every((o) => o.action === 'duplicate' && !o.changed)).toBe(true);
    });

    it('any order of the same signals within the window gives the same incidents', () => {
      const expected = partition(replay(story).store);
      // Which incident survives a merge (and so its grouping key) may depend on order; the groups and their severity may not.
      const severities = (s: MemoryStore) =>
        live(s)
          .map(
            (i) =>
              `${i.memberIds
                .map((id) => s.alerts.get(id)?.fingerprint)
                .sort()
                .join()}:${i.severity}`,
          )
          .sort();
      const expectedSev = severities(replay(story).store);
      let seed = 42;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let run = 0; run < 200; run++) {
        const shuffled = [...story];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const { store } = replay(shuffled);
        expect(partition(store)).toEqual(expected);
        expect(severities(store)).toEqual(expectedSev);
      }
    });
  });
});
