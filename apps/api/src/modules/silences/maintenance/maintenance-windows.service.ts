import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../../../common/decorators/current-user.decorator';
import { InvalidInputError, NotFoundError } from '../../../common/errors';
import { matcherProblem } from '../../notifications/routing/label-matcher';
import { ProjectsService } from '../../projects/projects.service';
import { MaintenanceWindowEntity } from '../entities/maintenance-window.entity';
import { SilenceEffects } from '../silence-effects.service';
import { CreateMaintenanceWindowDto, MaintenanceWindowResponse } from './maintenance-window.dto';
import { windowProblem } from './window-schedule';

/** A project's maintenance windows; a change is applied to its alerts at once. */
@Injectable()
export class MaintenanceWindowsService {
  constructor(
    @InjectRepository(MaintenanceWindowEntity) private readonly windows: Repository<MaintenanceWindowEntity>,
    private readonly projects: ProjectsService,
    private readonly effects: SilenceEffects,
  ) {}

  async list(userId: string, projectId: string): Promise<MaintenanceWindowResponse[]> {
    await this.projects.findOwned(userId, projectId);
    const rows = await this.windows.find({ where: { projectId }, order: { createdAt: 'DESC' } });
    return rows.map((w) => MaintenanceWindowResponse.from(w));
  }

  async create(user: AuthUser, projectId: string, dto: CreateMaintenanceWindowDto): Promise<MaintenanceWindowResponse> {
    await this.projects.findOwned(user.id, projectId);
    const spec = {
      startLocal: dto.start_local,
      timezone: dto.timezone,
      durationMinutes: dto.duration_minutes,
      rrule: dto.rrule?.trim() || null,
    };
    const problem = windowProblem(spec) ?? dto.matchers.map(matcherProblem).find((p) => p !== null) ?? null;
    if (problem) throw new InvalidInputError(problem);
    const row = await this.windows.save(
      this.windows.create({ projectId, name: dto.name, matchers: dto.matchers, createdBy: user.email, ...spec }),
    );
    await this.effects.apply(projectId);
    return MaintenanceWindowResponse.from(row);
  }

  async remove(userId: string, id: string): Promise<void> {
    const row = await this.windows
      .createQueryBuilder('w')
      .innerJoin('projects', 'p', 'p.id = w.project_id')
      .where('w.id = :id AND p.user_id = :userId', { id, userId })
      .getOne();
    if (!row) throw new NotFoundError('Maintenance window');
    await this.windows.delete({ id: row.id });
    await this.effects.apply(row.projectId);
  }
}
