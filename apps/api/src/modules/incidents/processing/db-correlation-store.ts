import { randomUUID } from 'node:crypto';
import { AlertState, contextsConflict, CorrelationStore, IncidentState } from '@mozaic/correlation';

/**
 * The correlator's store over rows preloaded from PostgreSQL for one batch of one project. It
 * remembers what was put, so the processor writes back exactly that, in the same transaction.
 */
export class DbCorrelationStore implements CorrelationStore {
  readonly alerts = new Map<string, AlertState>();
  readonly incidents = new Map<string, IncidentState>();
  readonly dirtyAlerts = new Set<string>();
  readonly dirtyIncidents = new Set<string>();
  readonly newSignals = new Set<string>();
  private readonly byFingerprint = new Map<string, string>();

  constructor(private readonly knownSignals: Set<string>) {}

  load(alerts: AlertState[], incidents: IncidentState[]): void {
    for (const a of alerts) {
      this.alerts.set(a.id, a);
      this.byFingerprint.set(a.fingerprint, a.id);
    }
    for (const i of incidents) this.incidents.set(i.id, i);
  }

  newId(): string {
    return randomUUID();
  }
  hasSignal(key: string): boolean {
    return this.knownSignals.has(key) || this.newSignals.has(key);
  }
  addSignal(key: string): void {
    this.newSignals.add(key);
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
    this.dirtyAlerts.add(a.id);
  }
  putIncident(i: IncidentState): void {
    this.incidents.set(i.id, i);
    this.dirtyIncidents.add(i.id);
  }
}
