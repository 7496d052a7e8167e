import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../../common/errors';
import { ProjectsService } from '../../projects/projects.service';
import { ListNotificationsQuery, NotificationResponse } from '../dto/notification.response';

export interface NotificationPage {
  items: NotificationResponse[];
  nextCursor: string | null;
}

const SELECT = `
  SELECT n.id, n.seq, n.project_id, n.incident_id, n.channel_id, c.name AS channel_name, c.type AS channel_type,
         n.event, n.change, n.status, n.attempts, n.created_at, n.due_at, n.sent_at, n.last_error,
         COALESCE((SELECT json_agg(json_build_object('at', a.at, 'status', a.status, 'outcome', a.outcome,
                                                     'answer', a.answer, 'duration_ms', a.duration_ms) ORDER BY a.at, a.id)
                   FROM notification_attempts a WHERE a.notification_id = n.id), '[]') AS log
  FROM notifications n JOIN notification_channels c ON c.id = n.channel_id`;

interface Row {
  id: string;
  seq: string;
  project_id: string;
  incident_id: string;
  channel_id: string;
  channel_name: string;
  channel_type: NotificationResponse['channel_type'];
  event: NotificationResponse['event'];
  change: NotificationResponse['change'];
  status: NotificationResponse['status'];
  attempts: number;
  created_at: Date;
  due_at: Date;
  sent_at: Date | null;
  last_error: string | null;
  log: NotificationResponse['log'];
}

const view = (r: Row): NotificationResponse => ({
  id: r.id,
  project_id: r.project_id,
  incident_id: r.incident_id,
  channel_id: r.channel_id,
  channel_name: r.channel_name,
  channel_type: r.channel_type,
  event: r.event,
  change: r.change,
  status: r.status,
  attempts: r.attempts,
  created_at: r.created_at.toISOString(),
  due_at: r.due_at.toISOString(),
  sent_at: r.sent_at?.toISOString() ?? null,
  last_error: r.last_error,
  log: r.log.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
});

/** The delivery log: every notification with its attempts, newest first. */
@Injectable()
export class NotificationLog {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projects: ProjectsService,
  ) {}

  async list(userId: string, projectId: string, q: ListNotificationsQuery): Promise<NotificationPage> {
    await this.projects.findOwned(userId, projectId);
    const limit = q.limit ?? 50;
    const where = ['n.project_id = $1'];
    const params: unknown[] = [projectId];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.channel_id) add('n.channel_id = ?', q.channel_id);
    if (q.incident_id) add('n.incident_id = ?', q.incident_id);
    if (q.status) add('n.status = ?', q.status);
    if (q.event) add('n.event = ?', q.event);
    if (q.cursor) add('n.seq < ?', q.cursor);
    params.push(limit + 1);
    const rows: Row[] = await this.db.query(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY n.seq DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return { items: page.map(view), nextCursor: rows.length > limit ? page[page.length - 1].seq : null };
  }

  /** Every notification of one incident, oldest first (the incident page's list). */
  async forIncident(userId: string, incidentId: string): Promise<NotificationResponse[]> {
    const owned: unknown[] = await this.db.query(
      'SELECT 1 FROM incidents i JOIN projects p ON p.id = i.project_id WHERE i.id = $1 AND p.user_id = $2',
      [incidentId, userId],
    );
    if (owned.length === 0) throw new NotFoundError('Incident');
    const rows: Row[] = await this.db.query(`${SELECT} WHERE n.incident_id = $1 ORDER BY n.seq LIMIT 500`, [
      incidentId,
    ]);
    return rows.map(view);
  }
}
