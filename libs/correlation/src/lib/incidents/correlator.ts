import { Signal } from '@mozaic/contracts';
import { contextsConflict, entityProfile } from '../entities/entities';
import { fingerprint, signalKey } from '../signals/fingerprint';
import { Candidate, candidateFor, membershipReason, rankCandidates } from './matching';
import { CorrelationRule, primaryKeys, rulesFromMerge, rulesFromMove } from './rules';
import { explainedByNodeDown, isNodeDown, isPodScoped, nodeDownFor } from './cascades';
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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An alert's state before the signal being filed. */
type Prior = Pick<AlertState, 'id' | 'status' | 'resolvedAt' | 'lastSeen'>;

/**
 * Signals → alerts (dedup by fingerprint) → incidents (grouping by shared entities within a time
 * window, strengthened by log templates), with the reason for every membership. Pure: time comes
 * from each signal's occurrence time (or is passed in), state lives in the store.
 */
export class Correlator {
  private readonly opts: CorrelationOptions;
  /** During ingestAll: incidents whose derived fields (severity, sources, title) wait for the end of the batch. */
  private deferred: Set<string> | null = null;
  /** Incidents settled while filing the current signal (their rows changed too). */
  private settled = new Set<string>();

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
    const keysBefore = existing ? existing.keys.join('\n') : null;
    const prior: Prior | null = existing
      ? { id: existing.id, status: existing.status, resolvedAt: existing.resolvedAt, lastSeen: existing.lastSeen }
      : null;
    const alert = existing ? this.update(existing, signal, at, templates) : this.create(signal, fp, at, templates);
    this.store.putAlert(alert);
    if (alert.kind === 'meta') {
      // Heartbeats and meta alerts are stored, never grouped: they say the pipeline works.
      return { alertId: alert.id, changed: true, incidentId: null, action: 'none', touchedIncidents: [] };
    }

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
    const refined = keysBefore !== null && keysBefore !== alert.keys.join('\n');
    this.settled = new Set();
    return this.place(alert, at, refined, prior);
  }

  /**
   * Auto-resolves incidents whose members all ended — resolved, or (for sources that never say
   * so) silent for staleAfterMs — at least the quiet period before `now`.
   */
  tick(now: number, incidents: IncidentState[]): string[] {
    return incidents.filter((inc) => this.settle(inc, now)).map((inc) => inc.id);
  }

  /**
   * Resolves an incident *as of* the end of its members' activity when, at occurrence time `at`,
   * they have all ended at least the quiet period ago. Run when a signal is filed (so a backlog or
   * a replay decides exactly as live would) and by the sweeper (so quiet incidents close on time).
   */
  private settle(inc: IncidentState, at: number, prior: Prior | null = null): boolean {
    if (inc.status === 'resolved' || inc.mergedInto) return false;
    // The alert being filed counts as it was before this signal.
    const members = this.members(inc).map((m) => (prior && m.id === prior.id ? { ...m, ...prior } : m));
    const ended = (m: AlertState) =>
      m.status === 'resolved' || (endsSilently(m) && at - m.lastSeen >= this.opts.staleAfterMs);
    if (members.length === 0 || !members.every(ended)) return false;
    const last = Math.max(...members.map((m) => (m.status === 'resolved' ? (m.resolvedAt ?? m.lastSeen) : m.lastSeen)));
    if (at - last < this.opts.quietPeriodMs) return false;
    inc.status = 'resolved';
    inc.resolvedAt = last;
    this.store.putIncident(inc);
    this.settled.add(inc.id);
    return true;
  }

  /** Entity keys of members still firing (their activity lasts until they resolve), other than `self`. */
  private activeKeys(inc: IncidentState, self: string): Set<string> {
    const keys = new Set<string>();
    for (const m of this.members(inc))
      if (m.id !== self && m.status === 'firing' && !endsSilently(m)) for (const k of m.keys) keys.add(k);
    return keys;
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

  /**
   * A person merges `from` into `into` (their choice of survivor, whatever the ages). Returns the
   * rules learned: what each incident was about belongs together from now on.
   */
  mergeIncidents(from: IncidentState, into: IncidentState, at: number, by: string): CorrelationRule[] {
    const rules = rulesFromMerge(from, into, by);
    if (into.status === 'resolved' && from.status !== 'resolved') {
      into.status = from.status;
      into.resolvedAt = null;
    }
    this.merge(into, from, at, `merged by ${by}`);
    this.recompute(into.id);
    return rules;
  }

  /**
   * A person moves an alert out of `from`, into `to` or (null) a new incident of its own. Returns
   * the incident it is in now and the rules learned (apart from what it left, with where it went).
   */
  moveAlert(alert: AlertState, from: IncidentState, to: IncidentState | null, by: string) {
    const rules = rulesFromMove(alert, from, to, by);
    this.detach(from, alert);
    const reason = { matched_entities: [], time_distance_s: 0, shared_templates: [], summary: `Moved here by ${by}` };
    let dest = to;
    if (!dest) {
      const key = `${this.groupingKey(alert)}|moved:${alert.id}`.slice(0, 500);
      dest = newIncident(this.store.newId(), key, alert, alert.firstSeen, from.id);
      if (alert.status === 'resolved') {
        dest.status = 'resolved';
        dest.resolvedAt = alert.resolvedAt ?? alert.lastSeen;
      }
    }
    addOccurrence(dest, alert, alert.firstSeen, reason);
    addOccurrence(dest, alert, alert.lastSeen);
    dest.reasons[alert.id] = reason;
    alert.incidentId = dest.id;
    this.store.putAlert(alert);
    this.store.putIncident(dest);
    this.recompute(dest.id);
    this.retire(from, dest);
    return { incident: dest, rules };
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
      labels: { ...(s.labels ?? {}) },
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
      if (s.labels) a.labels = { ...s.labels };
    }
    if (s.status === 'firing' && s.severity !== a.severity) a.severity = s.severity;
    // Later signals refine what the alert is about (a Sentry event's tags after its issue's slug).
    a.entities = { ...a.entities, ...s.entities };
    const profile = entityProfile(a.entities);
    a.keys = profile.keys;
    a.context = profile.context;
    for (const t of templates) if (!a.templates.includes(t)) a.templates.push(t);
    return a;
  }

  /** Puts a firing alert into an incident: its own, a recurrence, a match, or a new one. */
  private place(alert: AlertState, at: number, refined: boolean, prior: Prior | null): CorrelationOutcome {
    let current = alert.incidentId ? this.live(alert.incidentId) : undefined;
    if (current) this.settle(current, at, prior);
    let movedFrom: IncidentState | null = null;
    let previous: IncidentState | null = null;
    if (
      current &&
      current.status !== 'resolved' &&
      prior?.status === 'resolved' &&
      at - (prior.resolvedAt ?? prior.lastSeen) > this.opts.windowMs
    ) {
      // It ended, and fires again after more than the window: a recurrence, placed afresh (its old
      // incident stays open only for other members that still fire, and is linked as previous).
      previous = current;
      current = undefined;
    }
    if (current && current.status !== 'resolved') {
      // Later, richer signals named other entities: the alert leaves an incident it no longer shares anything with.
      const shares = alert.keys.some((k) => current?.keySpans[k] !== undefined);
      if (refined && !shares) {
        movedFrom = current;
        this.detach(current, alert);
        current = undefined;
      } else {
        addOccurrence(current, alert, at);
        this.recompute(current.id);
        return this.outcome(alert, current, 'alert-updated', [current.id]);
      }
    }
    if (current) {
      // A recurrence: within the window it reopens the incident, later it starts a linked one.
      // A flapping alert (two fire/resolve cycles or more) reopens within three windows.
      const reopenWithin = alert.count >= 4 ? 3 * this.opts.windowMs : this.opts.windowMs;
      if (at - (current.resolvedAt ?? at) <= reopenWithin && this.reopen(current)) {
        addOccurrence(current, alert, at);
        this.recompute(current.id);
        return this.outcome(alert, current, 'reopened', [current.id]);
      }
      previous = current;
    }

    const open = this.store.openIncidents(alert.keys).filter((inc) => !this.settle(inc, at));
    // A template held by several open incidents tells them apart from nothing (e.g. CloudWatch's
    // one "Threshold Crossed" reason for every alarm): only templates unique to one count.
    const holders = (t: string) => open.reduce((n, inc) => n + ((inc.templates[t] ?? 0) > 0 ? 1 : 0), 0);
    const ranked = rankCandidates(
      open
        .map((inc) =>
          candidateFor(alert, at, inc, {
            windowMs: this.opts.windowMs,
            burstMs: this.opts.burstMs,
            activeKeys: at - inc.lastSeen <= this.opts.dormantAfterMs ? this.activeKeys(inc, alert.id) : new Set(),
            specificTemplates: (t) => holders(t) === 1,
            mentions: (inc) => this.mentioned(alert, inc),
            rules: this.store.rules(),
          }),
        )
        .filter((c): c is NonNullable<typeof c> => c !== null),
    );
    if (ranked.length === 0) {
      const cascade = this.nodeCascade(alert, at, open) ?? this.firedTogether(alert, at, open);
      if (cascade) ranked.push(cascade);
    }
    const groupingKey = this.groupingKey(alert);
    let holder = ranked.length === 0 ? this.store.openIncidentByKey(groupingKey) : undefined;
    if (holder && at - holder.lastSeen > this.opts.windowMs) {
      // Its key went quiet longer than the window before this alert: that incident is over, as of its last activity.
      this.resolveAsOf(holder, holder.lastSeen);
      holder = undefined;
    }

    const touched: string[] = [...this.settled];
    if (movedFrom) touched.push(movedFrom.id);
    const note = movedFrom
      ? ` (moved: later signals named ${alert.keys[0]?.replace(':', ' ') ?? 'other entities'})`
      : '';
    if (ranked.length === 0 && !holder) {
      const prev = previous ?? this.store.lastResolved(alert.keys, alert.context) ?? null;
      const inc = newIncident(this.store.newId(), groupingKey, alert, at, prev?.id ?? null);
      const reason = membershipReason(null, alert.keys[0] ?? null);
      addOccurrence(inc, alert, at, { ...reason, summary: reason.summary + note });
      alert.incidentId = inc.id;
      this.store.putIncident(inc);
      this.recompute(inc.id);
      this.retire(movedFrom, inc);
      const gathered = this.gatherNodeCascade(alert, at, inc, open);
      return this.outcome(alert, gathered.incident, gathered.folded.length ? 'merged' : 'created', [
        inc.id,
        ...touched,
        ...gathered.folded,
      ]);
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
    addOccurrence(target, alert, at, { ...reason, summary: reason.summary + note });
    alert.incidentId = target.id;
    touched.push(target.id);
    // The alert connects every other candidate it shares a strong key with: fold them into the oldest.
    let survivor = target;
    let merged = false;
    for (const c of best && best.matchedKeys.length > 0
      ? ranked.slice(1).filter((x) => x.matchedKeys.length > 0)
      : []) {
      const other = c.incident;
      const [keep, fold] = other.startedAt < survivor.startedAt ? [other, survivor] : [survivor, other];
      if (Object.keys(fold.context).some((k) => keep.context[k] !== undefined && keep.context[k] !== fold.context[k]))
        continue;
      this.merge(keep, fold, at);
      survivor = keep;
      touched.push(fold.id, keep.id);
      merged = true;
    }
    const gathered = this.gatherNodeCascade(alert, at, survivor, open);
    survivor = gathered.incident;
    touched.push(...gathered.folded, survivor.id);
    merged ||= gathered.folded.length > 0;
    this.recompute(survivor.id);
    this.retire(movedFrom, survivor);
    return this.outcome(alert, survivor, merged ? 'merged' : 'joined', [...new Set(touched)]);
  }

  /** A pod alert with no other evidence joins the incident of a node that went down within moments. */
  private nodeCascade(alert: AlertState, at: number, open: IncidentState[]): Candidate | null {
    if (!isPodScoped(alert)) return null;
    for (const inc of open) {
      const node = nodeDownFor(alert, at, this.members(inc));
      if (node)
        return {
          incident: inc,
          matchedKeys: [],
          weakKeys: [],
          mentions: [],
          cascade: node.keys[0],
          sharedTemplates: [],
          distanceMs: Math.abs(node.firstSeen - at),
        };
    }
    return null;
  }

  /**
   * Co-occurrence learned from the project's own history: an alert with no other evidence joins an
   * open incident, started within moments, whose entity fired together with its own in a past
   * incident — so the second time an outage comes, it is recognised from its first alerts.
   */
  private firedTogether(alert: AlertState, at: number, open: IncidentState[]): Candidate | null {
    const own = primaryKeys(alert.keys);
    if (own.length === 0) return null;
    const past = this.store.resolvedWith(own).filter((p) => p.memberIds.length > 1);
    if (past.length === 0) return null;
    for (const inc of open) {
      if (contextsConflict(alert.context, inc.context)) continue;
      for (const [key, span] of Object.entries(inc.keySpans)) {
        if (own.includes(key) || Math.abs(span[0] - at) > this.opts.burstMs) continue;
        if (!primaryKeys([key]).length) continue;
        const before = past.find((p) => p.keySpans[key] !== undefined && p.id !== inc.id);
        if (before)
          return {
            incident: inc,
            matchedKeys: [],
            weakKeys: [],
            mentions: [],
            history: { incidentId: before.id, title: before.title, at: before.startedAt, keys: [own[0], key] },
            sharedTemplates: [],
            distanceMs: Math.abs(span[0] - at),
          };
      }
    }
    return null;
  }

  /** A node-down alert gathers the pod incidents that started within moments of it (folded into the oldest). */
  private gatherNodeCascade(alert: AlertState, at: number, target: IncidentState, open: IncidentState[]) {
    let survivor = target;
    const folded: string[] = [];
    if (!isNodeDown(alert)) return { incident: survivor, folded };
    for (const inc of open) {
      if (inc.id === survivor.id || inc.mergedInto || inc.status === 'resolved') continue;
      if (!explainedByNodeDown(alert, at, inc, this.members(inc))) continue;
      const [keep, fold] = inc.startedAt < survivor.startedAt ? [inc, survivor] : [survivor, inc];
      this.merge(keep, fold, at, `node ${alert.keys[0]?.split(':')[1] ?? ''} went down within moments`);
      survivor = keep;
      folded.push(fold.id);
    }
    return { incident: survivor, folded };
  }

  /** Names of the incident's affected services (as the sources spell them) that the alert's title contains. */
  private mentioned(alert: AlertState, inc: IncidentState): string[] {
    const text = ` ${alert.title.toLowerCase()} `;
    const own = new Set(alert.keys);
    const names = new Set<string>();
    for (const m of this.members(inc)) {
      if (m.id === alert.id) continue;
      for (const v of [m.entities.service, m.entities.workload, m.entities['project'], m.entities['resource']])
        if (v) names.add(v.toLowerCase());
    }
    return [...names].filter(
      (n) =>
        n.length >= 5 && !own.has(`service:${n}`) && new RegExp(`[^a-z0-9-]${escapeRegExp(n)}[^a-z0-9-]`).test(text),
    );
  }

  /** Takes an alert out of an incident (its keys and templates no longer count there). */
  private detach(inc: IncidentState, alert: AlertState): void {
    inc.memberIds = inc.memberIds.filter((id) => id !== alert.id);
    delete inc.reasons[alert.id];
    for (const t of alert.templates) if (inc.templates[t]) inc.templates[t] -= 1;
    const spans: Record<string, [number, number]> = {};
    for (const m of this.members(inc))
      for (const k of m.keys) {
        const s = spans[k];
        spans[k] = s ? [Math.min(s[0], m.firstSeen), Math.max(s[1], m.lastSeen)] : [m.firstSeen, m.lastSeen];
      }
    inc.keySpans = spans;
    this.store.putIncident(inc);
    this.recompute(inc.id);
  }

  /** An incident left with no members after a move points at where its alert went. */
  private retire(from: IncidentState | null, to: IncidentState): void {
    if (!from || from.memberIds.length > 0 || from.id === to.id) return;
    this.deferred?.delete(from.id);
    from.status = 'resolved';
    from.resolvedAt = from.lastSeen;
    from.mergedInto = to.id;
    this.store.putIncident(from);
  }

  private resolveAsOf(inc: IncidentState, at: number): void {
    inc.status = 'resolved';
    inc.resolvedAt = at;
    this.store.putIncident(inc);
    this.settled.add(inc.id);
  }

  private merge(keep: IncidentState, fold: IncidentState, at: number, why = 'merged from another incident'): void {
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
            summary: `${reason.summary} (${why})`,
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
