import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors';
import { IncidentSignalResponse } from './dto/incident-signal.response';
import { SignalEntity } from './entities/signal.entity';
import { ProjectsService } from '../projects/projects.service';
import { IncidentDetailResponse, IncidentMemberResponse, IncidentSummaryResponse } from './dto/incident.response';
import { ListIncidentsQueryDto } from './dto/list-incidents.query';
import { IncidentAlertEntity } from './entities/incident-alert.entity';
import { IncidentEntity } from './entities/incident.entity';
import { decodeCursor, encodeCursor } from './incident-cursor';
import { IncidentAction, IncidentLifecycle } from './processing/incident-lifecycle.service';
import { Holds } from './processing/holds.service';
import { IncidentTemplates } from './incident-templates.service';

export interface IncidentPage {
  items: IncidentSummaryResponse[];
  nextCursor: string | null;
}

/** What a list row needs: the large jsonb columns stay in the database. */
const SUMMARY_COLUMNS = [
  'id',
  'projectId',
  'source',
  'sources',
  'severity',
  'title',
  'status',
  'timestamp',
  'lastSeen',
  'alertCount',
  'signalCount',
  'suppressed',
  'createdAt',
  'updatedAt',
] as const;

/** Escapes LIKE wildcards so a search for "50%" means the characters "50%". */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Reads incidents. Every query joins the owning project on the caller's id. */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectRepository(IncidentEntity)
    private readonly incidents: Repository<IncidentEntity>,
    @InjectRepository(IncidentAlertEntity)
    private readonly members: Repository<IncidentAlertEntity>,
    @InjectRepository(SignalEntity) private readonly signalRows: Repository<SignalEntity>,
    private readonly projects: ProjectsService,
    private readonly lifecycle: IncidentLifecycle,
    private readonly holds: Holds,
    private readonly incidentTemplates: IncidentTemplates,
  ) {}

  /** Acknowledge, resolve or reopen; answers the incident as it is afterwards. */
  async act(userId: string, id: string, action: IncidentAction): Promise<IncidentDetailResponse> {
    await this.lifecycle.act(userId, id, action);
    return this.get(userId, id);
  }

  /**
   * Newest first, keyset-paginated on (timestamp, id). The query itself is scoped by the owner; only
   * an empty page costs a second query, to tell "no incidents" (200) from "not your project" (404).
   */
  async list(userId: string, projectId: string, q: ListIncidentsQueryDto): Promise<IncidentPage> {
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    const qb = this.incidents
      .createQueryBuilder('i')
      .select(SUMMARY_COLUMNS.map((c) => `i.${c}`))
      .innerJoin('i.project', 'p', 'p.user_id = :userId', { userId })
      .where('i.project_id = :projectId', { projectId });
    if (q.severity?.length) qb.andWhere('i.severity IN (:...severity)', { severity: q.severity });
    if (q.status?.length) qb.andWhere('i.status IN (:...status)', { status: q.status });
    qb.andWhere('i.suppressed = :suppressed', { suppressed: q.suppressed === true });
    // "Has a member from this source" (the live view's rule too): an incident of several sources
    // is listed under each. The main-source index serves the single-source ones.
    if (q.source)
      qb.andWhere(`(i.source = :source OR (i.source = 'multiple' AND :source = ANY(i.sources)))`, { source: q.source });
    if (q.from) qb.andWhere('i.timestamp >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('i.timestamp < :to', { to: new Date(q.to) });
    if (q.q?.trim()) qb.andWhere('i.title ILIKE :q', { q: `%${escapeLike(q.q.trim())}%` });
    if (cursor) {
      qb.andWhere(
        new Brackets((w) =>
          w.where('(i.timestamp, i.id) < (:cts, :cid)', {
            cts: new Date(cursor.timestamp),
            cid: cursor.id,
          }),
        ),
      );
    }
    const rows = await qb
      .orderBy('i.timestamp', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(q.limit + 1)
      .getMany();
    if (rows.length === 0) await this.projects.findOwned(userId, projectId);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > q.limit && last ? encodeCursor({ timestamp: last.timestamp.toISOString(), id: last.id }) : null;
    return { items: page.map(IncidentSummaryResponse.from), nextCursor };
  }

  async get(userId: string, id: string): Promise<IncidentDetailResponse> {
    const incident = await this.incidents
      .createQueryBuilder('i')
      .innerJoin('i.project', 'p', 'p.user_id = :userId', { userId })
      .where('i.id = :id', { id })
      .getOne();
    if (!incident) throw new NotFoundError('Incident');
    const members = await this.members.find({
      where: { incidentId: incident.id },
      relations: { alert: true },
      order: { addedAt: 'ASC' },
    });
    const alerts = members
      .filter((m) => m.alert)
      .map((m) => IncidentMemberResponse.from(m.alert as NonNullable<typeof m.alert>, m.reason));
    await this.holds.describe(incident.projectId, alerts);
    return IncidentDetailResponse.detail(incident, alerts, await this.incidentTemplates.of(incident));
  }

  /** The incident's signals in time order (the newest 500), with their raw payloads. */
  async signals(userId: string, id: string): Promise<IncidentSignalResponse[]> {
    const rows = await this.signalRows
      .createQueryBuilder('s')
      .innerJoin(IncidentAlertEntity, 'm', 'm.alert_id = s.alert_id')
      .innerJoin('m.incident', 'i')
      .innerJoin('i.project', 'p', 'p.user_id = :userId', { userId })
      .where('m.incident_id = :id', { id })
      .orderBy('s.occurred_at', 'DESC')
      .limit(500)
      .getMany();
    if (rows.length === 0) await this.get(userId, id); // 404 for a foreign or missing incident
    return rows.reverse().map(IncidentSignalResponse.from);
  }
}
