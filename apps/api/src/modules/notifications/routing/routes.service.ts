import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../common/errors';
import { ProjectsService } from '../../projects/projects.service';
import { CreateRouteDto, RouteResponse, UpdateRouteDto } from '../dto/route.dto';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';
import { NotificationRouteEntity } from '../entities/notification-route.entity';
import { matcherProblem } from './label-matcher';

/** A project's routing rules: ordered, each to channels of the same project, one default at most. */
@Injectable()
export class RoutesService {
  constructor(
    @InjectRepository(NotificationRouteEntity) private readonly routes: Repository<NotificationRouteEntity>,
    @InjectRepository(NotificationChannelEntity) private readonly channels: Repository<NotificationChannelEntity>,
    private readonly projects: ProjectsService,
  ) {}

  async list(userId: string, projectId: string): Promise<RouteResponse[]> {
    await this.projects.findOwned(userId, projectId);
    const rows = await this.routes.find({ where: { projectId }, order: { position: 'ASC', createdAt: 'ASC' } });
    return rows.map(RouteResponse.from);
  }

  async create(userId: string, projectId: string, dto: CreateRouteDto): Promise<RouteResponse> {
    await this.projects.findOwned(userId, projectId);
    await this.check(projectId, dto, null);
    const last = await this.routes.maximum('position', { projectId });
    const row = this.routes.create({
      projectId,
      name: dto.name,
      position: dto.position ?? (last === null ? 0 : last + 1),
      severityAtLeast: dto.severity_at_least ?? null,
      events: dto.events ?? [],
      matchers: dto.matchers ?? [],
      channelIds: dto.channel_ids,
      continueMatching: dto.continue ?? false,
      isDefault: dto.is_default ?? false,
    });
    return RouteResponse.from(await this.routes.save(row));
  }

  async update(userId: string, id: string, dto: UpdateRouteDto): Promise<RouteResponse> {
    const row = await this.findOwned(userId, id);
    await this.check(row.projectId, dto, row.id);
    if (dto.name !== undefined) row.name = dto.name;
    if (dto.position !== undefined) row.position = dto.position;
    if (dto.severity_at_least !== undefined) row.severityAtLeast = dto.severity_at_least;
    if (dto.events !== undefined) row.events = dto.events;
    if (dto.matchers !== undefined) row.matchers = dto.matchers;
    if (dto.channel_ids !== undefined) row.channelIds = dto.channel_ids;
    if (dto.continue !== undefined) row.continueMatching = dto.continue;
    if (dto.is_default !== undefined) row.isDefault = dto.is_default;
    return RouteResponse.from(await this.routes.save(row));
  }

  async remove(userId: string, id: string): Promise<void> {
    const row = await this.findOwned(userId, id);
    await this.routes.delete({ id: row.id });
  }

  /** Channels of this project only; patterns that compile; one default route. */
  private async check(projectId: string, dto: UpdateRouteDto, self: string | null): Promise<void> {
    for (const m of dto.matchers ?? []) {
      const problem = matcherProblem(m);
      if (problem) throw new InvalidInputError(`matchers: ${problem}`);
    }
    if (dto.channel_ids?.length) {
      const ids = [...new Set(dto.channel_ids)];
      const found = await this.channels.find({ where: { projectId, id: In(ids) }, select: { id: true } });
      const known = new Set(found.map((c) => c.id));
      const missing = ids.find((c) => !known.has(c));
      if (missing) throw new InvalidInputError(`channel_ids: ${missing} is not a channel of this project`);
    }
    if (dto.is_default) {
      const other = await this.routes.findOne({ where: { projectId, isDefault: true } });
      if (other && other.id !== self)
        throw new ConflictError(`The project already has a default route ("${other.name}")`);
    }
  }

  private async findOwned(userId: string, id: string): Promise<NotificationRouteEntity> {
    const row = await this.routes
      .createQueryBuilder('r')
      .innerJoin('projects', 'p', 'p.id = r.project_id')
      .where('r.id = :id AND p.user_id = :userId', { id, userId })
      .getOne();
    if (!row) throw new NotFoundError('Route');
    return row;
  }
}
