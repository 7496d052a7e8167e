import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CorrelationRepository } from '../incidents/processing/correlation.repository';
import { IncidentEvents } from '../incidents/processing/incident-events.service';
import { MaintenanceWindowEntity } from './entities/maintenance-window.entity';
import { SilenceBook } from './matching/silence-book.service';
import { occurrences } from './maintenance/window-schedule';

/**
 * Applies a project's silences, as they are now, to its open incidents' firing alerts — after a
 * silence is made, changed or expired, and when time passes a silence's start or end. Through the
 * correlation transaction, so an incident that stops being suppressed while it still fires opens
 * anew in the outbox (notified), and live views hear of every change.
 */
@Injectable()
export class SilenceEffects {
  private readonly logger = new Logger(SilenceEffects.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CorrelationRepository,
    private readonly events: IncidentEvents,
    private readonly book: SilenceBook,
  ) {}

  async apply(projectId: string, now = Date.now()): Promise<string[]> {
    const ids = await this.db.transaction(async (m) => {
      const windowS = await this.repo.lockProject(m, projectId);
      const state = await this.repo.load(m, projectId, windowS, { open: true });
      const firing = [...state.store.alerts.values()].filter((a) => a.status === 'firing' && a.incidentId);
      // Judged now: these alerts did not occur again, time moved on under them. Only what changed is written.
      state.silenceAt = () => now;
      const changed = await this.book.apply(m, projectId, firing, () => now);
      for (const a of changed) {
        state.store.putAlert(a);
        const incident = a.incidentId ? state.store.incident(a.incidentId) : undefined;
        if (incident) state.store.putIncident(incident);
      }
      await this.repo.save(m, projectId, state);
      return [...state.store.dirtyIncidents];
    });
    this.events.publish(projectId, ids);
    return ids;
  }

  /** Projects whose silences or maintenance windows started or ended in (since, now]: the scheduler applies theirs. */
  async crossed(since: Date, now: Date): Promise<string[]> {
    const rows: Array<{ project_id: string }> = await this.db.query(
      `SELECT DISTINCT project_id FROM silences
       WHERE (starts_at > $1 AND starts_at <= $2) OR (ends_at > $1 AND ends_at <= $2)`,
      [since, now],
    );
    const out = new Set(rows.map((r) => r.project_id));
    const a = since.getTime();
    const b = now.getTime();
    const inSpan = (t: number) => t > a && t <= b;
    for (const w of await this.db.getRepository(MaintenanceWindowEntity).find())
      if (occurrences(w, a, b).some(([s, e]) => inSpan(s) || inSpan(e))) out.add(w.projectId);
    // Inhibition: a source that stopped (or started) firing changes its targets, wherever they are.
    const inhibiting: Array<{ project_id: string }> = await this.db.query(
      `SELECT DISTINCT r.project_id FROM inhibition_rules r
       WHERE EXISTS (SELECT 1 FROM incidents i WHERE i.project_id = r.project_id AND i.updated_at > $1)`,
      [since],
    );
    for (const r of inhibiting) out.add(r.project_id);
    return [...out];
  }

  /** apply() for each project, one failing not stopping the others. */
  async applyAll(projectIds: string[]): Promise<void> {
    for (const id of projectIds)
      await this.apply(id).catch((e: Error) =>
        this.logger.warn({ projectId: id, err: e.message }, 'silences not applied'),
      );
  }
}
