import { Signal } from '@mozaic/contracts';
import { entityProfile } from '../entities/entities';
import { fingerprint, signalKey } from '../signals/fingerprint';
import { candidateFor, membershipReason, rankCandidates } from './matching';
import {
  AlertState,
  CorrelationOptions,
  CorrelationOutcome,
  DEFAULT_OPTIONS,
  endsSilently,
  IncidentState,
} from './model';
import { addOccurrence, newIncident, refresh } from './incident-state';
import { CorrelationStore } from './store';

/**
 * Signals → alerts (dedup by fingerprint) → incidents (grouping by shared entities within a time
 * window, strengthened by log templates), with the reason for every membership. Pure: time comes
 * from each signal's occurrence time (or is passed in), state lives in the store.
 */
export class Correlator {
  private readonly opts: CorrelationOptions;
  /** During ingestAll: incidents whose derived fields (severity, sources, title) wait for the end of the batch. */
  private deferred: Set<string> | null = null;

  constructor(
    private readonly store: CorrelationStore,
    options: Partial<CorrelationOptions> = {},
  ) {
    this.opts = { ...DEFAULT_OPTIONS, ...options };
  }

  /**
   * Files a batch of signals in order, exactly as one ingest() each, but derives each touched
   * incident's severity, sources and title once at the end instead of after every signal: nothing
   * in placing a signal reads them, and recomputing them per signal made a delivery of n alerts
   * into one incident cost O(n² log n).
   */
  ingestAll(items: Array<{ signal: Signal; templates?: string[] }>): CorrelationOutcome[] {
    this.deferred = new Set();
    try {
      return items.map(({ signal, templates }) => this.ingest(signal, templates));
    } finally {
      const ids = this.deferred;
      this.deferred = null;
      for (const id of ids) this.recompute(id);
    }
  }

  /** Files one signal; `templates` are the ids of the log templates its message belongs to. */
  ingest(signal: Signal, templates: string[] = []): CorrelationOutcome {
    const fp = fingerprint(signal);
    const key = signalKey(signal, fp);
    const at = Date.parse(signal.occurredAt);
    const existing = this.store.alertByFingerprint(fp);
    if (this.store.hasSignal(key)) {
      return {
        alertId: existing?.id ?? '',
        changed: false,
        incidentId: existing?.incidentId ?? null,
        action: 'duplicate',
        touchedIncidents: [],
      };
    }
    this.store.addSignal(key);
    const alert = existing ? this.update(existing, signal, at, templates) : this.create(signal, fp, at, templates);
    this.store.putAlert(alert);

    if (signal.status === 'resolved') {
      const incidentId = alert.incidentId ? (this.live(alert.incidentId)?.id ?? null) : null;
      if (incidentId) this.recompute(incidentId);
      return {
        alertId: alert.id,
        changed: true,
        incidentId,
        action: 'alert-updated',
        touchedIncidents: incidentId ? [incidentId] : [],
      };
    }
    return this.place(alert, at);
  }

  /**
   * Auto-resolves incidents whose members all ended — resolved, or (for sources that never say
   * so) silent for staleAfterMs — at least the quiet period before `now`.
   */
  tick(now: number, incidents: IncidentState[]): string[] {
    const resolved: string[] = [];
    const ended = (m: AlertState) =>
      m.status === 'resolved' || (endsSilently(m) && now - m.lastSeen >= this.opts.staleAfterMs);
    for (const inc of incidents) {
      if (inc.status === 'resolved' || inc.mergedInto) continue;
      const members = this.members(inc);
      if (members.length === 0 || !members.every(ended)) continue;
      const last = Math.max(
        ...members.map((m) => (m.status === 'resolved' ? (m.resolvedAt ?? m.lastSeen) : m.lastSeen)),
      );
      if (now - last < this.opts.quietPeriodMs) continue;
      inc.status = 'resolved';
      inc.resolvedAt = last;
      this.store.putIncident(inc);
      resolved.push(inc.id);
    }
    return resolved;
  }

  acknowledge(incident: IncidentState, at: number): void {
    if (incident.status !== 'open') return;
    incident.status = 'acknowledged';
    incident.acknowledgedAt = at;
    this.store.putIncident(incident);
  }

  resolve(incident: IncidentState, at: number): void {
    if (incident.status === 'resolved') return;
    incident.status = 'resolved';
    incident.resolvedAt = at;
    this.store.putIncident(incident);
  }

  /** Reopens a resolved incident unless another open incident already holds its grouping key. */
  reopen(incident: IncidentState): boolean {
    if (incident.status !== 'resolved' || incident.mergedInto) return false;
    const holder = this.store.openIncidentByKey(incident.groupingKey);
    if (holder && holder.id !== incident.id) return false;
    incident.status = 'open';
    incident.resolvedAt = null;
    incident.acknowledgedAt = null;
    this.store.putIncident(incident);
    return true;
  }

  private create(s: Signal, fp: string, at: number, templates: string[]): AlertState {
    const profile = entityProfile(s.entities);
    return {
      id: this.store.newId(),
      fingerprint: fp,
      source: s.source,
      sourceRef: s.sourceRef,
      title: s.title,
      label: s.label ?? s.title,
      kind: s.kind ?? null,
      severity: s.severity,
      status: s.status,
      count: 1,
      firstSeen: at,
      lastSeen: at,
      resolvedAt: s.status === 'resolved' ? at : null,
      entities: { ...s.entities },
      keys: profile.keys,
      context: profile.context,
      templates: [...new Set(templates)],
      link: s.link ?? null,
      incidentId: null,
    };
  }

  private update(a: AlertState, s: Signal, at: number, templates: string[]): AlertState {
    a.count += 1;
    a.firstSeen = Math.min(a.firstSeen, at);
    if (at >= a.lastSeen) {
      // The latest occurrence speaks for the alert's state; an older, late one only counts.
      a.lastSeen = at;
      a.status = s.status;
      a.resolvedAt = s.status === 'resolved' ? at : null;
      a.title = s.title;
      a.label = s.label ?? s.title;
      a.kind = s.kind ?? a.kind;
      a.link = s.link ?? a.link;
    }
    if (s.status === 'firing' && s.severity !== a.severity) a.severity = s.severity;
    a.entities = { ...s.entities, ...a.entities };
    const profile = entityProfile(a.entities);
    a.keys = profile.keys;
    a.context = profile.context;
    for (const t of templates) if (!a.templates.includes(t)) a.templates.push(t);
    return a;
  }

  /** Puts a firing alert into an incident: its own, a recurrence, a match, or a new one. */
  private place(alert: AlertState, at: number): CorrelationOutcome {
    const current = alert.incidentId ? this.live(alert.incidentId) : undefined;
    if (current && current.status !== 'resolved') {
      addOccurrence(current, alert, at);
      this.recompute(current.id);
      return this.outcome(alert, current, 'alert-updated', [current.id]);
    }
    let previous: IncidentState | null = null;
    if (current) {
      // A recurrence: within the window it reopens the incident, later it starts a linked one.
      if (at - (current.resolvedAt ?? at) <= this.opts.windowMs && this.reopen(current)) {
        addOccurrence(current, alert, at);
        this.recompute(current.id);
        return this.outcome(alert, current, 'reopened', [current.id]);
      }
      previous = current;
    }

    const ranked = rankCandidates(
      this.store
        .openIncidents(alert.keys)
        .map((inc) => candidateFor(alert, at, inc, this.opts.windowMs))
        .filter((c): c is NonNullable<typeof c> => c !== null),
    );
    const groupingKey = this.groupingKey(alert);
    const holder = ranked.length === 0 ? this.store.openIncidentByKey(groupingKey) : undefined;

    if (ranked.length === 0 && !holder) {
      const prev = previous ?? this.store.lastResolved(alert.keys, alert.context) ?? null;
      const inc = newIncident(this.store.newId(), groupingKey, alert, at, prev?.id ?? null);
      addOccurrence(inc, alert, at, membershipReason(null, alert.keys[0] ?? null));
      alert.incidentId = inc.id;
      this.store.putIncident(inc);
      this.recompute(inc.id);
      return this.outcome(alert, inc, 'created', [inc.id]);
    }

    const best = ranked[0] ?? null;
    const target = best ? best.incident : (holder as IncidentState);
    const reason = best
      ? membershipReason(best, null)
      : {
          matched_entities: [groupingKey],
          time_distance_s: Math.round(Math.max(0, at - target.lastSeen) / 1000),
          shared_templates: [],
          summary: `Same ${groupingKey.split('|')[0].replace(':', ' ')}; its incident is still open`,
        };
    addOccurrence(target, alert, at, reason);
    alert.incidentId = target.id;
    const touched = [target.id];
    // The alert connects every other compatible candidate: fold them into the oldest.
    let survivor = target;
    for (const c of ranked.slice(1)) {
      const other = c.incident;
      const [keep, fold] = other.startedAt < survivor.startedAt ? [other, survivor] : [survivor, other];
      if (Object.keys(fold.context).some((k) => keep.context[k] !== undefined && keep.context[k] !== fold.context[k]))
        continue;
      this.merge(keep, fold, at);
      survivor = keep;
      touched.push(fold.id, keep.id);
    }
    this.recompute(survivor.id);
    return this.outcome(alert, survivor, touched.length > 1 ? 'merged' : 'joined', [...new Set(touched)]);
  }

  private merge(keep: IncidentState, fold: IncidentState, at: number): void {
    // A folded incident keeps what it showed when it was folded: derive it now if it was waiting.
    if (this.deferred?.delete(fold.id)) this.refreshNow(fold.id);
    for (const id of fold.memberIds) {
      const m = this.store.alert(id);
      if (!m) continue;
      const reason = fold.reasons[id];
      m.incidentId = keep.id;
      this.store.putAlert(m);
      if (!keep.memberIds.includes(id)) {
        keep.memberIds.push(id);
        if (reason)
          keep.reasons[id] = {
            ...reason,
            summary: `${reason.summary} (merged from another incident)`,
          };
        for (const t of m.templates) keep.templates[t] = (keep.templates[t] ?? 0) + 1;
      }
    }
    for (const [k, [a, b]] of Object.entries(fold.keySpans)) {
      const s = keep.keySpans[k];
      keep.keySpans[k] = s ? [Math.min(s[0], a), Math.max(s[1], b)] : [a, b];
    }
    for (const [k, v] of Object.entries(fold.context)) keep.context[k] ??= v;
    keep.startedAt = Math.min(keep.startedAt, fold.startedAt);
    keep.lastSeen = Math.max(keep.lastSeen, fold.lastSeen);
    fold.memberIds = [];
    fold.status = 'resolved';
    fold.resolvedAt = at;
    fold.mergedInto = keep.id;
    this.store.putIncident(fold);
    this.store.putIncident(keep);
  }

  /** The incident an id now stands for (following merges). */
  private live(id: string): IncidentState | undefined {
    let inc = this.store.incident(id);
    for (let hops = 0; inc?.mergedInto && hops < 50; hops++) inc = this.store.incident(inc.mergedInto);
    return inc;
  }

  private members(inc: IncidentState): AlertState[] {
    return inc.memberIds.map((id) => this.store.alert(id)).filter((a): a is AlertState => a !== undefined);
  }

  private recompute(id: string): void {
    if (this.deferred) this.deferred.add(id);
    else this.refreshNow(id);
  }

  private refreshNow(id: string): void {
    const inc = this.store.incident(id);
    if (!inc) return;
    refresh(inc, this.members(inc));
    this.store.putIncident(inc);
  }

  /** The most specific strong key with the alert's context, or the alert itself. */
  private groupingKey(alert: AlertState): string {
    const base = alert.keys[0] ?? `alert:${alert.fingerprint}`;
    const ctx = Object.keys(alert.context)
      .sort()
      .map((k) => `${k}=${alert.context[k]}`);
    return [base, ...ctx].join('|').slice(0, 500);
  }

  private outcome(
    alert: AlertState,
    inc: IncidentState,
    action: CorrelationOutcome['action'],
    touched: string[],
  ): CorrelationOutcome {
    this.store.putAlert(alert);
    return {
      alertId: alert.id,
      changed: true,
      incidentId: inc.id,
      action,
      touchedIncidents: touched,
    };
  }
}
