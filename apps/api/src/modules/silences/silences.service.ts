import { Injectable } from '@nestjs/common';
import { LabelMatcher, SilencePreview, SilenceState } from '@mozaic/contracts';
import { InvalidInputError } from '../../common/errors';
import { AlertEntity } from '../incidents/entities/alert.entity';
import { alertFromRow } from '../incidents/processing/correlation-rows';
import { matcherProblem } from '../notifications/routing/label-matcher';
import { silencing } from './matching/silence-matcher';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { NotFoundError } from '../../common/errors';
import { ProjectsService } from '../projects/projects.service';
import { CreateSilenceDto, SilenceResponse, UpdateSilenceDto } from './dto/silence.dto';
import { SilenceEffects } from './silence-effects.service';
import { SilenceInput, SilenceStore } from './silence-store.service';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const time = (s: string | undefined) => (s === undefined ? undefined : new Date(s));
/** The longest an "until resolved" silence lasts if the incident never resolves. */
const UNTIL_RESOLVED_MAX_MS = 30 * 86_400_000;

/** Silences through MOZAIC's API: the owner's projects only; every change applied at once. */
@Injectable()
export class SilencesService {
  constructor(
    private readonly store: SilenceStore,
    private readonly effects: SilenceEffects,
    private readonly projects: ProjectsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(userId: string, projectId: string, state?: SilenceState): Promise<SilenceResponse[]> {
    await this.projects.findOwned(userId, projectId);
    return (await this.store.list(projectId, state)).map((s) => SilenceResponse.from(s));
  }

  async create(user: AuthUser, projectId: string, dto: CreateSilenceDto): Promise<SilenceResponse> {
    await this.projects.findOwned(user.id, projectId);
    let untilIncidentId: string | null = null;
    let endsAt = time(dto.ends_at);
    if (dto.until_resolved) {
      const open: unknown[] = await this.db.query(
        `SELECT 1 FROM incidents WHERE id = $1 AND project_id = $2 AND status <> 'resolved'`,
        [dto.until_resolved, projectId],
      );
      if (!open.length) throw new InvalidInputError('until_resolved must be an open incident of this project');
      untilIncidentId = dto.until_resolved;
      endsAt ??= new Date(Date.now() + UNTIL_RESOLVED_MAX_MS);
    } else if (!endsAt) throw new InvalidInputError('ends_at is required (or until_resolved)');
    const row = await this.store.create(projectId, { ...input(dto), endsAt, untilIncidentId, createdBy: user.email });
    await this.effects.apply(projectId);
    return SilenceResponse.from(row);
  }

  async get(userId: string, id: string): Promise<SilenceResponse> {
    const projectId = await this.projectOf(userId, id);
    return SilenceResponse.from(await this.store.get(projectId, id));
  }

  async update(userId: string, id: string, dto: UpdateSilenceDto): Promise<SilenceResponse> {
    const projectId = await this.projectOf(userId, id);
    const row = await this.store.update(projectId, id, input(dto));
    await this.effects.apply(projectId);
    return SilenceResponse.from(row);
  }

  async expire(userId: string, id: string): Promise<SilenceResponse> {
    const projectId = await this.projectOf(userId, id);
    const row = await this.store.expire(projectId, id);
    await this.effects.apply(projectId);
    return SilenceResponse.from(row);
  }

  /** The firing alerts these matchers would silence right now (the portal's preview). */
  async preview(userId: string, projectId: string, matchers: LabelMatcher[]): Promise<SilencePreview> {
    await this.projects.findOwned(userId, projectId);
    for (const m of matchers) {
      const problem = matcherProblem(m);
      if (problem) throw new InvalidInputError(`matchers: ${problem}`);
    }
    const rows = await this.db.getRepository(AlertEntity).find({
      where: { projectId, status: 'firing' },
      order: { lastSeen: 'DESC' },
      take: 5000,
    });
    const now = Date.now();
    const probe = [{ id: 'preview', matchers, startsAt: now, endsAt: now + 1 }];
    const hit = rows.filter((r) => silencing(alertFromRow(r), probe, now).length > 0);
    return {
      count: hit.length,
      alerts: hit.slice(0, 20).map((r) => ({ id: r.id, title: r.title, incident_id: r.incidentId })),
    };
  }

  private async projectOf(userId: string, id: string): Promise<string> {
    const rows: Array<{ project_id: string }> = await this.db.query(
      'SELECT s.project_id FROM silences s JOIN projects p ON p.id = s.project_id WHERE s.id = $1 AND p.user_id = $2',
      [id, userId],
    );
    if (!rows.length) throw new NotFoundError('Silence');
    return rows[0].project_id;
  }
}

function input(dto: UpdateSilenceDto): SilenceInput {
  return { matchers: dto.matchers, startsAt: time(dto.starts_at), endsAt: time(dto.ends_at), comment: dto.comment };
}
