import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AlertState, Correlator, CorrelationRule, DEFAULT_OPTIONS, IncidentState } from '@mozaic/correlation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../../../common/decorators/current-user.decorator';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../common/errors';
import { CorrelationRuleEntity } from '../entities/correlation-rule.entity';
import { IncidentCorrectionEntity } from '../entities/incident-correction.entity';
import { CorrelationRepository, LoadedState } from '../processing/correlation.repository';
import { IncidentEvents } from '../processing/incident-events.service';

export interface CorrectionResult {
  /** The incident the correction leaves the alerts in. */
  incidentId: string;
}

const day = (d: Date) =>
  d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * People fix groupings: merge an incident into another, move an alert to another or a new
 * incident. Each correction is recorded (who, when) and becomes project rules that later
 * groupings honour and cite — on the same lock and state as ingestion.
 */
@Injectable()
export class IncidentCorrections {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CorrelationRepository,
    private readonly events: IncidentEvents,
  ) {}

  async merge(user: AuthUser, incidentId: string, intoId: string, now = new Date()): Promise<CorrectionResult> {
    if (incidentId === intoId) throw new InvalidInputError('into: an incident cannot be merged into itself');
    return this.inProject(user, [incidentId, intoId], async (m, projectId, state, correlator) => {
      const from = this.live(state, incidentId);
      const into = this.live(state, intoId);
      const by = `${user.email} on ${day(now)}`;
      const rules = correlator.mergeIncidents(from, into, now.getTime(), by);
      const correction = await this.record(m, projectId, user, 'merge', from.id, into.id, null);
      await this.learn(m, projectId, rules, correction, state);
      return { incidentId: into.id, touched: [from.id, into.id] };
    });
  }

  async move(
    user: AuthUser,
    incidentId: string,
    alertId: string,
    to: string | null,
    now = new Date(),
  ): Promise<CorrectionResult> {
    if (to === incidentId) throw new InvalidInputError('to: the alert is already in this incident');
    return this.inProject(user, to ? [incidentId, to] : [incidentId], async (m, projectId, state, correlator) => {
      const from = this.live(state, incidentId);
      const alert = state.store.alert(alertId);
      if (!alert || !from.memberIds.includes(alertId)) throw new NotFoundError('Alert of this incident');
      const dest = to ? this.live(state, to) : null;
      const moved = correlator.moveAlert(alert as AlertState, from, dest, `${user.email} on ${day(now)}`);
      const correction = await this.record(m, projectId, user, 'move', from.id, moved.incident.id, alertId);
      await this.learn(m, projectId, moved.rules, correction, state);
      return { incidentId: moved.incident.id, touched: [from.id, moved.incident.id] };
    });
  }

  async rules(userId: string, projectId: string): Promise<CorrelationRuleEntity[]> {
    await this.ownedProject(userId, projectId);
    return this.db.getRepository(CorrelationRuleEntity).find({ where: { projectId }, order: { createdAt: 'DESC' } });
  }

  /** A rule a person declares (a dependency, or two entities that never belong together). */
  async declare(
    user: AuthUser,
    projectId: string,
    keyA: string,
    keyB: string,
    relation: 'together' | 'apart',
    now = new Date(),
  ) {
    await this.ownedProject(user.id, projectId);
    if (keyA.toLowerCase() === keyB.toLowerCase())
      throw new InvalidInputError('key_b: a rule relates two different entities');
    const [a, b] = [keyA.toLowerCase(), keyB.toLowerCase()].sort();
    const repo = this.db.getRepository(CorrelationRuleEntity);
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        projectId,
        keyA: a,
        keyB: b,
        relation,
        learnedFrom: `${user.email} on ${day(now)}`,
        correctionId: null,
      })
      .orUpdate(['relation', 'learned_from', 'correction_id', 'created_at'], ['project_id', 'key_a', 'key_b'])
      .execute();
    return (await repo.findOne({ where: { projectId, keyA: a, keyB: b } })) as CorrelationRuleEntity;
  }

  async forget(userId: string, projectId: string, ruleId: string): Promise<void> {
    await this.ownedProject(userId, projectId);
    const res = await this.db.getRepository(CorrelationRuleEntity).delete({ id: ruleId, projectId });
    if (!res.affected) throw new NotFoundError('Rule');
  }

  private async ownedProject(userId: string, projectId: string): Promise<void> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM projects WHERE id = $1 AND user_id = $2', [
      projectId,
      userId,
    ]);
    if (rows.length === 0) throw new NotFoundError('Project');
  }

  /** Runs a correction on incidents the user owns, all of one project, under the project's lock. */
  private async inProject(
    user: AuthUser,
    incidentIds: string[],
    run: (
      m: EntityManager,
      projectId: string,
      state: LoadedState,
      correlator: Correlator,
    ) => Promise<{ incidentId: string; touched: string[] }>,
  ): Promise<CorrectionResult> {
    const owned: Array<{ id: string; project_id: string }> = await this.db.query(
      'SELECT i.id, i.project_id FROM incidents i JOIN projects p ON p.id = i.project_id WHERE i.id = ANY($1) AND p.user_id = $2',
      [incidentIds, user.id],
    );
    if (owned.length !== new Set(incidentIds).size) throw new NotFoundError('Incident');
    const projectId = owned[0].project_id;
    // Another project's incident is as invisible as a foreign one.
    if (owned.some((o) => o.project_id !== projectId)) throw new NotFoundError('Incident');
    const result = await this.db.transaction(async (m) => {
      const windowS = await this.repo.lockProject(m, projectId);
      const state = await this.repo.load(m, projectId, windowS, { incidentIds });
      const correlator = new Correlator(state.store, { ...DEFAULT_OPTIONS, windowMs: windowS * 1000 });
      const out = await run(m, projectId, state, correlator);
      await this.repo.save(m, projectId, state);
      return out;
    });
    this.events.publish(projectId, result.touched);
    return { incidentId: result.incidentId };
  }

  private live(state: LoadedState, id: string): IncidentState {
    const inc = state.store.incident(id);
    if (!inc) throw new NotFoundError('Incident');
    if (inc.mergedInto) throw new ConflictError(`This incident was merged into ${inc.mergedInto}`);
    return inc;
  }

  private async record(
    m: EntityManager,
    projectId: string,
    user: AuthUser,
    kind: 'merge' | 'move',
    incidentId: string,
    targetIncidentId: string,
    alertId: string | null,
  ): Promise<IncidentCorrectionEntity> {
    return m.save(
      m.create(IncidentCorrectionEntity, {
        projectId,
        kind,
        incidentId,
        targetIncidentId,
        alertId,
        userId: user.id,
        userEmail: user.email,
      }),
    );
  }

  /** Stores the rules; the latest correction of a pair wins. */
  private async learn(
    m: EntityManager,
    projectId: string,
    rules: CorrelationRule[],
    correction: IncidentCorrectionEntity,
    state: LoadedState,
  ): Promise<void> {
    for (const r of rules) {
      await m
        .createQueryBuilder()
        .insert()
        .into(CorrelationRuleEntity)
        .values({
          projectId,
          keyA: r.keyA,
          keyB: r.keyB,
          relation: r.relation,
          learnedFrom: r.by,
          correctionId: correction.id,
        })
        .orUpdate(['relation', 'learned_from', 'correction_id', 'created_at'], ['project_id', 'key_a', 'key_b'])
        .execute();
    }
    state.store.learned.push(...rules);
  }
}
