import { randomUUID } from 'node:crypto';
import { AlertState, IncidentState, MemoryStore } from '@mozaic/correlation';

/**
 * The correlator's store over rows preloaded from PostgreSQL for one batch of one project. It
 * remembers what was put, so the repository writes back exactly that, in the same transaction.
 */
export class DbCorrelationStore extends MemoryStore {
  readonly dirtyAlerts = new Set<string>();
  readonly dirtyIncidents = new Set<string>();

  /** `knownSignals`: keys of the batch's signals that are already stored (redeliveries). */
  constructor(private readonly knownSignals: Set<string>) {
    super(randomUUID);
  }

  override hasSignal(key: string): boolean {
    return this.knownSignals.has(key) || super.hasSignal(key);
  }

  override putAlert(a: AlertState): void {
    super.putAlert(a);
    this.dirtyAlerts.add(a.id);
  }

  override putIncident(i: IncidentState): void {
    super.putIncident(i);
    this.dirtyIncidents.add(i.id);
  }
}
