import { Injectable } from '@nestjs/common';
import { SilenceState } from '@mozaic/contracts';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { NotFoundError } from '../../common/errors';
import { ProjectsService } from '../projects/projects.service';
import { CreateSilenceDto, SilenceResponse, UpdateSilenceDto } from './dto/silence.dto';
import { SilenceEffects } from './silence-effects.service';
import { SilenceInput, SilenceStore } from './silence-store.service';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const time = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

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
    const row = await this.store.create(projectId, { ...input(dto), createdBy: user.email });
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
