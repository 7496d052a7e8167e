import { Injectable } from '@nestjs/common';
import { AlertState, IncidentState } from '@mozaic/correlation';
import { IncidentLogLine, MembershipReason } from '@mozaic/contracts';
import { EntityManager, In } from 'typeorm';
import { NotFoundError } from '../../../common/errors';
import { stableJson } from '../../../common/json/stable';
import { bulkWrite } from '../../../database/bulk-write';
import { ProjectEntity } from '../../projects/entities/project.entity';
import { AlertEntity } from '../entities/alert.entity';
import { IncidentAlertEntity } from '../entities/incident-alert.entity';
import { IncidentEntity } from '../entities/incident.entity';
import { CorrelationRuleEntity } from '../entities/correlation-rule.entity';
import { alertFromRow, alertToRow, incidentFromRow, incidentToRow } from './correlation-rows';
import { DbCorrelationStore } from './db-correlation-store';
import { IncidentSnapshot, snapshot } from '../../notifications/outbox/incident-changes';
import { NotificationOutbox } from '../../notifications/outbox/notification-outbox.service';
import { SilenceBook } from '../../silences/matching/silence-book.service';

export type LogLines = IncidentLogLine[];

/** One project's correlation state for one transaction: the store and the incidents' log lines. */
export interface LoadedState {
  store: DbCorrelationStore;
  logs: Map<string, LogLines>;
  windowS: number;
  /** Memberships as loaded (incident → alert → reason as JSON): only changes are written back. */
  members: Map<string, Map<string, string>>;
  /** Incidents as loaded, to tell what changed (for notifications). */
  before: Map<string, IncidentSnapshot>;
  /** When silences are judged for the changed alerts (default: each alert's latest occurrence). */
  silenceAt?: (a: AlertState) => number;
}

export interface LoadScope {
  /** Alerts to load by fingerprint (with the incidents they point to). */
  fingerprints?: string[];
  /** Signal keys already stored are redeliveries. */
  signalKeys?: string[];
  /** Incidents resolved after this time are loaded too (recurrence links). */
  resolvedSince?: Date;
  /** Incidents to load by id. */
  incidentIds?: string[];
  /** Load every open incident (for matching). */
  open?: boolean;
}

const MAX_LOGS = 50;
const DEFAULT_WINDOW_S = 600;

/** Loads and saves correlation state in PostgreSQL, one project at a time under an advisory lock. */
@Injectable()
export class CorrelationRepository {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly silences: SilenceBook,
  ) {}

  /** Serialises every correlation change of a project until the transaction ends. */
  async lockProject(m: EntityManager, projectId: string): Promise<number> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [projectId]);
    const project = await m.findOne(ProjectEntity, { where: { id: projectId } });
    if (!project) throw new NotFoundError('Project');
    return project.settings.correlation_window_s ?? DEFAULT_WINDOW_S;
  }

  async load(m: EntityManager, projectId: string, windowS: number, scope: LoadScope): Promise<LoadedState> {
    const known: Array<{ signal_key: string }> = scope.signalKeys?.length
      ? await m.query('SELECT signal_key FROM signals WHERE project_id = $1 AND signal_key = ANY($2)', [
          projectId,
          scope.signalKeys,
        ])
      : [];
    const store = new DbCorrelationStore(new Set(known.map((k) => k.signal_key)));
    const alertRows = scope.fingerprints?.length
      ? await m.find(AlertEntity, { where: { projectId, fingerprint: In([...new Set(scope.fingerprints)]) } })
      : [];
    const ids = [
      ...(scope.incidentIds ?? []),
      ...alertRows.map((a) => a.incidentId).filter((id): id is string => id !== null),
    ];
    const conditions: string[] = [];
    if (scope.open) conditions.push(`i.status <> 'resolved'`);
    if (scope.resolvedSince) conditions.push('i.resolved_at > :since');
    if (ids.length) conditions.push('i.id IN (:...ids)');
    const incidentRows = conditions.length
      ? await m
          .createQueryBuilder(IncidentEntity, 'i')
          .where('i.project_id = :projectId', { projectId })
          .andWhere(`(${conditions.join(' OR ')})`, { since: scope.resolvedSince, ids })
          .orderBy('i.timestamp', 'DESC')
          .limit(500)
          .getMany()
      : [];
    const incidentIds = incidentRows.map((i) => i.id);
    const memberRows = incidentIds.length
      ? await m.find(IncidentAlertEntity, { where: { incidentId: In(incidentIds) } })
      : [];
    const loaded = new Set(alertRows.map((a) => a.id));
    const missing = [...new Set(memberRows.map((r) => r.alertId))].filter((id) => !loaded.has(id));
    const memberAlerts = missing.length ? await m.find(AlertEntity, { where: { id: In(missing) } }) : [];

    const byIncident = new Map<string, { ids: string[]; reasons: Record<string, MembershipReason> }>();
    const members = new Map<string, Map<string, string>>();
    for (const r of memberRows) {
      const m = members.get(r.incidentId) ?? new Map<string, string>();
      m.set(r.alertId, stableJson(r.reason));
      members.set(r.incidentId, m);
      const e = byIncident.get(r.incidentId) ?? { ids: [], reasons: {} };
      e.ids.push(r.alertId);
      e.reasons[r.alertId] = r.reason;
      byIncident.set(r.incidentId, e);
    }
    const logs = new Map<string, LogLines>();
    for (const i of incidentRows) logs.set(i.id, i.logsJson);
    const rules = await m.find(CorrelationRuleEntity, { where: { projectId } });
    store.learned.push(...rules.map((r) => ({ keyA: r.keyA, keyB: r.keyB, relation: r.relation, by: r.learnedFrom })));
    store.load(
      [...alertRows, ...memberAlerts].map(alertFromRow),
      incidentRows.map((i) => incidentFromRow(i, byIncident.get(i.id)?.ids ?? [], byIncident.get(i.id)?.reasons ?? {})),
    );
    const before = new Map(
      incidentRows.map((row) => {
        const i = store.incident(row.id) as IncidentState;
        return [i.id, snapshot(i, membersOf(store, i))];
      }),
    );
    return { store, logs, windowS, members, before };
  }

  /** Writes every alert and incident the correlator put, with memberships and new log lines. */
  async save(
    m: EntityManager,
    projectId: string,
    state: LoadedState,
    newLogs: Map<string, LogLines> = new Map(),
  ): Promise<void> {
    const { store } = state;
    const alerts = [...store.dirtyAlerts].map((id) => store.alerts.get(id) as AlertState);
    await this.silences.apply(m, projectId, alerts, state.silenceAt);
    await bulkWrite(
      m,
      AlertEntity,
      alerts.map((a) => alertToRow(a, projectId)),
      { conflict: ['id'], onConflict: 'update' },
    );
    const incidents: Array<Partial<IncidentEntity>> = [];
    const gone: Array<{ incidentId: string; alertId: string }> = [];
    const changed: Array<Partial<IncidentAlertEntity>> = [];
    for (const id of store.dirtyIncidents) {
      const inc = store.incidents.get(id);
      if (!inc) continue;
      const members = membersOf(store, inc);
      const logs = [...(newLogs.get(id) ?? []), ...(state.logs.get(id) ?? [])].slice(0, MAX_LOGS);
      incidents.push(incidentToRow(inc, projectId, members, logs, state.windowS));
      const before = state.members.get(id) ?? new Map<string, string>();
      const current = new Set(inc.memberIds);
      for (const alertId of before.keys()) if (!current.has(alertId)) gone.push({ incidentId: id, alertId });
      for (const alertId of inc.memberIds) {
        const reason = inc.reasons[alertId] ?? EMPTY_REASON;
        if (before.get(alertId) !== stableJson(reason)) changed.push({ incidentId: id, alertId, reason });
      }
    }
    await bulkWrite(m, IncidentEntity, incidents, { conflict: ['id'], onConflict: 'update' });
    if (gone.length)
      await m.query(
        `DELETE FROM incident_alerts d USING unnest($1::uuid[], $2::uuid[]) AS g(incident_id, alert_id)
         WHERE d.incident_id = g.incident_id AND d.alert_id = g.alert_id`,
        [gone.map((g) => g.incidentId), gone.map((g) => g.alertId)],
      );
    await bulkWrite(m, IncidentAlertEntity, changed, { conflict: ['incidentId', 'alertId'], onConflict: 'update' });
    // "Until resolved" silences end with their incident.
    const resolved = [...store.dirtyIncidents].filter(
      (id) => store.incidents.get(id)?.status === 'resolved' && state.before.get(id)?.status !== 'resolved',
    );
    if (resolved.length)
      await m.query(
        `UPDATE silences SET ends_at = now(), updated_at = now() WHERE until_incident_id = ANY($1) AND ends_at > now()`,
        [resolved],
      );
    await this.outbox.record(
      m,
      projectId,
      [...store.dirtyIncidents].flatMap((id) => {
        const incident = store.incidents.get(id);
        if (!incident) return [];
        return [{ incident, before: state.before.get(id), members: membersOf(store, incident) }];
      }),
    );
  }
}

const EMPTY_REASON: MembershipReason = { matched_entities: [], time_distance_s: 0, shared_templates: [], summary: '' };

/** An incident's member alerts present in the store. */
function membersOf(store: DbCorrelationStore, i: IncidentState): AlertState[] {
  return i.memberIds.map((a) => store.alerts.get(a)).filter((a): a is AlertState => a !== undefined);
}
