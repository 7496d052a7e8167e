import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Correlator, DEFAULT_OPTIONS, IncidentState } from '@mozaic/correlation';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../../common/errors';
import { CorrelationRepository } from './correlation.repository';
import { IncidentEvents } from './incident-events.service';

export type IncidentAction = 'acknowledge' | 'resolve' | 'reopen';

/** People's actions on incidents, and the periodic auto-resolution, on the same state and lock. */
@Injectable()
export class IncidentLifecycle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CorrelationRepository,
    private readonly events: IncidentEvents,
  ) {}

  /** Applies an action to an incident the user owns; `now` is when the person acted. */
  async act(userId: string, incidentId: string, action: IncidentAction, now = new Date()): Promise<void> {
    const owned: Array<{ project_id: string }> = await this.db.query(
      'SELECT i.project_id FROM incidents i JOIN projects p ON p.id = i.project_id WHERE i.id = $1 AND p.user_id = $2',
      [incidentId, userId],
    );
    if (owned.length === 0) throw new NotFoundError('Incident');
    const projectId = owned[0].project_id;
    await this.db.transaction(async (m) => {
      const windowS = await this.repo.lockProject(m, projectId);
      const state = await this.repo.load(m, projectId, windowS, {
        incidentIds: [incidentId],
        open: action === 'reopen',
      });
      const incident = state.store.incident(incidentId) as IncidentState;
      const correlator = new Correlator(state.store, { ...DEFAULT_OPTIONS, windowMs: windowS * 1000 });
      if (incident.mergedInto) throw new ConflictError(`This incident was merged into ${incident.mergedInto}`);
      if (action === 'acknowledge') {
        if (incident.status !== 'open')
          throw new ConflictError(`Only an open incident can be acknowledged (it is ${incident.status})`);
        correlator.acknowledge(incident, now.getTime());
      } else if (action === 'resolve') {
        if (incident.status === 'resolved') throw new ConflictError('The incident is already resolved');
        correlator.resolve(incident, now.getTime());
      } else {
        if (incident.status !== 'resolved') throw new ConflictError('Only a resolved incident can be reopened');
        if (!correlator.reopen(incident))
          throw new ConflictError('Another open incident already covers the same entities');
      }
      await this.repo.save(m, projectId, state);
    });
    // Every change is published, whoever made it: live views must not need a reload.
    this.events.publish(projectId, [incidentId]);
  }

  /** Auto-resolves the open incidents of every project whose members ended (see Correlator.tick). */
  async sweep(now = new Date()): Promise<string[]> {
    const projects: Array<{ project_id: string }> = await this.db.query(
      `SELECT DISTINCT project_id FROM incidents WHERE status <> 'resolved'`,
    );
    const resolved: string[] = [];
    for (const { project_id: projectId } of projects) {
      const ids = await this.db.transaction(async (m) => {
        const windowS = await this.repo.lockProject(m, projectId);
        const state = await this.repo.load(m, projectId, windowS, { open: true });
        const correlator = new Correlator(state.store, { ...DEFAULT_OPTIONS, windowMs: windowS * 1000 });
        const done = correlator.tick(now.getTime(), state.store.openIncidents());
        await this.repo.save(m, projectId, state);
        return done;
      });
      this.events.publish(projectId, ids);
      resolved.push(...ids);
    }
    return resolved;
  }
}
