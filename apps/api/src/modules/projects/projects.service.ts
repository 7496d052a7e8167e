import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SEVERITIES, Severity } from '@mozaic/contracts';
import { InvalidInputError, NotFoundError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PageQuery } from '../../common/dto/page.query';
import { CreateProjectDto, UpdateProjectDto } from './dto/create-project.dto';
import { NO_INCIDENTS, ProjectResponse, SeverityCounts } from './dto/project.response';
import { ProjectEntity, ProjectSettings } from './entities/project.entity';

/** Project CRUD. Every query carries the owner's id, so a foreign project is simply not found. */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectRepository(ProjectEntity)
    private readonly projects: Repository<ProjectEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The retention settings of a request, within the operator's limit (RETENTION_MAX_DAYS). */
  private retention(dto: UpdateProjectDto): ProjectSettings {
    const out: ProjectSettings = {};
    for (const key of ['retention_deliveries_days', 'retention_signals_days', 'retention_incidents_days'] as const) {
      const days = dto[key];
      if (days === undefined) continue;
      if (days > this.config.retention.maxDays)
        throw new InvalidInputError(`${key} must be at most ${this.config.retention.maxDays} (the operator's limit)`);
      out[key] = days;
    }
    return out;
  }

  async create(userId: string, dto: CreateProjectDto): Promise<ProjectResponse> {
    const settings: ProjectSettings = {};
    if (dto.correlation_window_minutes) settings.correlation_window_s = dto.correlation_window_minutes * 60;
    if (dto.notification_group_interval_s) settings.notification_group_interval_s = dto.notification_group_interval_s;
    Object.assign(settings, this.retention(dto));
    const p = await this.projects.save(
      this.projects.create({ name: dto.name, description: dto.description ?? null, userId, settings }),
    );
    return ProjectResponse.from(p, this.config.retention);
  }

  async list(userId: string, page: PageQuery): Promise<{ items: ProjectResponse[]; total: number }> {
    const [rows, total] = await this.projects.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    const counts = await this.openIncidentCounts(rows.map((r) => r.id));
    return {
      items: rows.map((r) => ProjectResponse.from(r, this.config.retention, counts.get(r.id))),
      total,
    };
  }

  async get(userId: string, id: string): Promise<ProjectResponse> {
    const p = await this.findOwned(userId, id);
    const counts = await this.openIncidentCounts([p.id]);
    return ProjectResponse.from(p, this.config.retention, counts.get(p.id));
  }

  async update(userId: string, id: string, dto: UpdateProjectDto): Promise<ProjectResponse> {
    const p = await this.findOwned(userId, id);
    if (dto.name !== undefined) p.name = dto.name;
    if (dto.description !== undefined) p.description = dto.description;
    if (dto.correlation_window_minutes !== undefined) {
      p.settings = { ...p.settings, correlation_window_s: dto.correlation_window_minutes * 60 };
    }
    if (dto.notification_group_interval_s !== undefined) {
      p.settings = { ...p.settings, notification_group_interval_s: dto.notification_group_interval_s };
    }
    p.settings = { ...p.settings, ...this.retention(dto) };
    await this.projects.save(p);
    return this.get(userId, id);
  }

  /** Deletes the project; its accounts, events, alerts and incidents go with it (FK cascade). */
  async remove(userId: string, id: string): Promise<void> {
    const result = await this.projects.delete({ id, userId });
    if (!result.affected) throw new NotFoundError('Project');
  }

  /** The project if the user owns it; otherwise NotFoundError, exactly as for a missing one. */
  async findOwned(userId: string, id: string): Promise<ProjectEntity> {
    const p = await this.projects.findOne({ where: { id, userId } });
    if (!p) throw new NotFoundError('Project');
    return p;
  }

  private async openIncidentCounts(projectIds: string[]): Promise<Map<string, SeverityCounts>> {
    const out = new Map<string, SeverityCounts>();
    if (projectIds.length === 0) return out;
    const rows: Array<{ project_id: string; severity: Severity; n: string }> = await this.projects.query(
      `SELECT project_id, severity, count(*) AS n FROM incidents
        WHERE project_id = ANY($1::uuid[]) AND status <> 'resolved' GROUP BY project_id, severity`,
      [projectIds],
    );
    for (const r of rows) {
      const c = out.get(r.project_id) ?? { ...NO_INCIDENTS };
      if (SEVERITIES.includes(r.severity)) c[r.severity] = Number(r.n);
      out.set(r.project_id, c);
    }
    return out;
  }
}
