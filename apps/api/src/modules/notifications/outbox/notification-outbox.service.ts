import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AlertState, IncidentState } from '@mozaic/correlation';
import { LabelMatcher, NotificationBody, NotificationEvent, Severity } from '@mozaic/contracts';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { DEFAULT_GROUP_INTERVAL_S } from '../../projects/entities/project.entity';
import { NotificationEntity } from '../entities/notification.entity';
import { routeChange, RouteRule } from '../routing/route-matcher';
import { enqueueAfterCommit } from './after-commit';
import { detectChanges, DetectedChange, IncidentSnapshot, snapshot } from './incident-changes';
import { incidentLabels, notifiedIncident } from './notified-incident';

/** An incident the correlator changed in this transaction, with its state as loaded. */
export interface ChangedIncident {
  incident: IncidentState;
  before: IncidentSnapshot | undefined;
  members: AlertState[];
}

interface RouteRow {
  severity_at_least: Severity | null;
  events: NotificationEvent[];
  matchers: LabelMatcher[];
  continue: boolean;
  is_default: boolean;
  channel_ids: string[];
}

type NewRow = Pick<
  NotificationEntity,
  'id' | 'projectId' | 'incidentId' | 'channelId' | 'event' | 'change' | 'changeKey' | 'body' | 'dueAt'
>;

const LIFECYCLE: NotificationEvent[] = ['incident.acknowledged', 'incident.resolved', 'incident.reopened'];

/**
 * Writes the notifications of incident changes into the outbox, in the transaction of the change:
 * no change commits without its notifications, and a rolled-back change leaves none. Routing is
 * decided here, by the project's rules as they are at the change. Alert additions are batched: an
 * incident's channel gets at most one `alerts_added` update per group interval, and an update still
 * waiting is refreshed instead of queued again. A lifecycle change supersedes waiting updates.
 */
@Injectable()
export class NotificationOutbox {
  private readonly portalUrl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.portalUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  }

  async record(m: EntityManager, projectId: string, changed: ChangedIncident[], now = Date.now()): Promise<void> {
    const found = changed.flatMap((c) =>
      detectChanges(c.before, snapshot(c.incident, c.members), now).map((d) => ({ c, d })),
    );
    if (found.length === 0) return;
    const rules = await this.rules(m, projectId);
    if (rules.length === 0) return;

    const rows: NewRow[] = [];
    for (const { c, d } of found) {
      const channels = routeChange(rules, {
        event: d.event,
        severity: c.incident.severity,
        labels: incidentLabels(c.incident, c.members),
      });
      for (const channelId of channels) rows.push(this.row(projectId, c, d, channelId, now));
    }
    if (rows.length === 0) return;

    const lifecycle = [...new Set(rows.filter((r) => LIFECYCLE.includes(r.event)).map((r) => r.incidentId))];
    if (lifecycle.length)
      await m.query(
        `UPDATE notifications SET status = 'superseded'
         WHERE incident_id = ANY($1) AND status = 'pending' AND event = 'incident.updated'
           AND (lease_until IS NULL OR lease_until < now())`,
        [lifecycle],
      );
    const fresh = await this.batchUpdates(m, projectId, rows, now);
    if (fresh.length === 0) return;
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      // created_at: when the row is written, at the end of the change's transaction (now() is its start).
      .values(fresh.map((r) => ({ ...r, createdAt: () => 'clock_timestamp()' })))
      .orIgnore()
      .returning(['id'])
      .execute();
    const due = new Map(fresh.map((r) => [r.id, r.dueAt.getTime()]));
    const ids = (inserted.raw as Array<{ id: string }>).map((r) => ({
      id: r.id,
      delayMs: Math.max(0, (due.get(r.id) ?? now) - now),
    }));
    enqueueAfterCommit(m, ids);
  }

  private async rules(m: EntityManager, projectId: string): Promise<RouteRule[]> {
    const routes: RouteRow[] = await m.query(
      `SELECT r.severity_at_least, r.events, r.matchers, r.continue, r.is_default,
              ARRAY(SELECT c.id FROM notification_channels c WHERE c.id = ANY(r.channel_ids) AND c.enabled) AS channel_ids
       FROM notification_routes r WHERE r.project_id = $1 ORDER BY r.position, r.created_at`,
      [projectId],
    );
    return routes.map((r) => ({
      severityAtLeast: r.severity_at_least,
      events: r.events,
      matchers: r.matchers,
      channelIds: r.channel_ids,
      continueMatching: r.continue,
      isDefault: r.is_default,
    }));
  }

  private row(projectId: string, c: ChangedIncident, d: DetectedChange, channelId: string, now: number): NewRow {
    const id = randomUUID();
    const body: NotificationBody = {
      id,
      type: d.event,
      change: d.change,
      previous_severity: d.previousSeverity,
      occurred_at: new Date(now).toISOString(),
      incident: notifiedIncident(c.incident, c.members, projectId, this.portalUrl),
    };
    return {
      id,
      projectId,
      incidentId: c.incident.id,
      channelId,
      event: d.event,
      change: d.change,
      changeKey: d.key,
      body,
      dueAt: new Date(now),
    };
  }

  /**
   * Alert additions: an update still waiting for the same channel and incident is refreshed with
   * the newer body (and no row is added); otherwise the new one waits until a group interval has
   * passed since the incident's last opened or alerts_added message there was due (or sent, if later). Returns what to insert.
   */
  private async batchUpdates(m: EntityManager, projectId: string, rows: NewRow[], now: number): Promise<NewRow[]> {
    const updates = rows.filter((r) => r.change === 'alerts_added');
    if (updates.length === 0) return rows;
    const incidents = [...new Set(updates.map((r) => r.incidentId))];
    const waiting: Array<{ id: string; channel_id: string; incident_id: string }> = await m.query(
      `SELECT id, channel_id, incident_id FROM notifications
       WHERE incident_id = ANY($1) AND status = 'pending' AND change = 'alerts_added'
         AND (lease_until IS NULL OR lease_until < now())`,
      [incidents],
    );
    const chain = (channelId: string, incidentId: string) => `${channelId}/${incidentId}`;
    const waitingBy = new Map(waiting.map((w) => [chain(w.channel_id, w.incident_id), w.id]));
    const refresh = updates.filter((r) => waitingBy.has(chain(r.channelId, r.incidentId)));
    if (refresh.length)
      await m.query(
        `UPDATE notifications n SET body = jsonb_set(u.body, '{id}', to_jsonb(n.id::text))
         FROM unnest($1::uuid[], $2::jsonb[]) AS u(id, body) WHERE n.id = u.id`,
        [
          refresh.map((r) => waitingBy.get(chain(r.channelId, r.incidentId))),
          refresh.map((r) => JSON.stringify(r.body)),
        ],
      );
    const last: Array<{ channel_id: string; incident_id: string; at: Date }> = await m.query(
      `SELECT channel_id, incident_id, max(GREATEST(due_at, COALESCE(sent_at, due_at))) AS at FROM notifications
       WHERE incident_id = ANY($1) AND (event = 'incident.opened' OR change = 'alerts_added')
       GROUP BY channel_id, incident_id`,
      [incidents],
    );
    const lastBy = new Map(last.map((l) => [chain(l.channel_id, l.incident_id), new Date(l.at).getTime()]));
    const groupMs = (await this.groupIntervalS(m, projectId)) * 1000;
    return rows
      .filter((r) => r.change !== 'alerts_added' || !waitingBy.has(chain(r.channelId, r.incidentId)))
      .map((r) => {
        const previous = r.change === 'alerts_added' ? lastBy.get(chain(r.channelId, r.incidentId)) : undefined;
        return previous === undefined ? r : { ...r, dueAt: new Date(Math.max(now, previous + groupMs)) };
      });
  }

  private async groupIntervalS(m: EntityManager, projectId: string): Promise<number> {
    const [p]: Array<{ s: string | null }> = await m.query(
      `SELECT settings->>'notification_group_interval_s' AS s FROM projects WHERE id = $1`,
      [projectId],
    );
    return Number(p?.s ?? DEFAULT_GROUP_INTERVAL_S) || DEFAULT_GROUP_INTERVAL_S;
  }
}
