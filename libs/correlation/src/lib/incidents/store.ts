import { contextsConflict } from '../entities/entities';
import { AlertState, IncidentState } from './model';
import { CorrelationRule } from './rules';

/**
 * The slice of a project's correlation state the correlator reads and writes. The in-memory store
 * holds everything; the API's store loads the relevant rows from PostgreSQL first and writes back
 * what `dirty` names, in one transaction.
 */
export interface CorrelationStore {
  newId(): string;
  hasSignal(key: string): boolean;
  addSignal(key: string): void;
  alertByFingerprint(fingerprint: string): AlertState | undefined;
  alert(id: string): AlertState | undefined;
  incident(id: string): IncidentState | undefined;
  /** Open or acknowledged incidents that may take an alert with these keys (a superset is fine). */
  openIncidents(keys: string[]): IncidentState[];
  /** The open incident holding a grouping key, if any (at most one: a unique rule). */
  openIncidentByKey(groupingKey: string): IncidentState | undefined;
  /** The most recently resolved incident sharing one of these keys, to link a later recurrence. */
  lastResolved(keys: string[], context: Record<string, string>): IncidentState | undefined;
  putAlert(alert: AlertState): void;
  putIncident(incident: IncidentState): void;
  /** The project's rules learned from corrections. */
  rules(): CorrelationRule[];
  /** Resolved incidents (of the loaded history) in which one of these keys took part. */
  resolvedWith(keys: string[]): IncidentState[];
}

/** Everything in memory: for tests, scenario replays and benchmarks. */
export class MemoryStore implements CorrelationStore {
  readonly alerts = new Map<string, AlertState>();
  readonly incidents = new Map<string, IncidentState>();
  private readonly byFingerprint = new Map<string, string>();
  private readonly signals = new Set<string>();
  readonly learned: CorrelationRule[] = [];
  private seq = 0;

  /** `makeId` gives new alert and incident ids (default: "id-1", "id-2", …). */
  constructor(private readonly makeId?: () => string) {}

  newId(): string {
    if (this.makeId) return this.makeId();
    this.seq += 1;
    return `id-${this.seq}`;
  }

  /** Puts rows read elsewhere without counting them as changes. */
  load(alerts: AlertState[], incidents: IncidentState[]): void {
    for (const a of alerts) MemoryStore.prototype.putAlert.call(this, a);
    for (const i of incidents) MemoryStore.prototype.putIncident.call(this, i);
  }
  hasSignal(key: string): boolean {
    return this.signals.has(key);
  }
  addSignal(key: string): void {
    this.signals.add(key);
  }
  alertByFingerprint(fp: string): AlertState | undefined {
    const id = this.byFingerprint.get(fp);
    return id ? this.alerts.get(id) : undefined;
  }
  alert(id: string): AlertState | undefined {
    return this.alerts.get(id);
  }
  incident(id: string): IncidentState | undefined {
    return this.incidents.get(id);
  }
  openIncidents(): IncidentState[] {
    return [...this.incidents.values()].filter((i) => i.status !== 'resolved' && !i.mergedInto);
  }
  openIncidentByKey(key: string): IncidentState | undefined {
    return this.openIncidents().find((i) => i.groupingKey === key);
  }
  lastResolved(keys: string[], context: Record<string, string>): IncidentState | undefined {
    let best: IncidentState | undefined;
    for (const i of this.incidents.values()) {
      if (i.status !== 'resolved' || i.mergedInto || contextsConflict(i.context, context)) continue;
      if (!keys.some((k) => i.keySpans[k])) continue;
      if (!best || (i.resolvedAt ?? 0) > (best.resolvedAt ?? 0)) best = i;
    }
    return best;
  }
  putAlert(a: AlertState): void {
    this.alerts.set(a.id, a);
    this.byFingerprint.set(a.fingerprint, a.id);
  }
  putIncident(i: IncidentState): void {
    this.incidents.set(i.id, i);
  }
  rules(): CorrelationRule[] {
    return this.learned;
  }
  resolvedWith(keys: string[]): IncidentState[] {
    return [...this.incidents.values()].filter(
      (i) => i.status === 'resolved' && !i.mergedInto && keys.some((k) => i.keySpans[k] !== undefined),
    );
  }
}
