import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../../../common/errors';
import { matcherProblem } from '../../notifications/routing/label-matcher';
import { ProjectsService } from '../../projects/projects.service';
import { InhibitionRuleEntity } from '../entities/inhibition-rule.entity';
import { PRESETS } from '../matching/inhibition';
import { SilenceEffects } from '../silence-effects.service';
import { CreateInhibitionRuleDto, InhibitionRuleResponse } from './inhibition-rule.dto';

/** A project's inhibition rules; a change is applied to its alerts at once. */
@Injectable()
export class InhibitionRulesService {
  constructor(
    @InjectRepository(InhibitionRuleEntity) private readonly rules: Repository<InhibitionRuleEntity>,
    private readonly projects: ProjectsService,
    private readonly effects: SilenceEffects,
  ) {}

  async list(userId: string, projectId: string): Promise<InhibitionRuleResponse[]> {
    await this.projects.findOwned(userId, projectId);
    return (await this.rules.find({ where: { projectId }, order: { createdAt: 'ASC' } })).map(
      InhibitionRuleResponse.from,
    );
  }

  async create(userId: string, projectId: string, dto: CreateInhibitionRuleDto): Promise<InhibitionRuleResponse> {
    await this.projects.findOwned(userId, projectId);
    const preset = dto.preset ? PRESETS[dto.preset] : null;
    const rule = preset ?? {
      name: dto.name?.trim() || 'inhibition rule',
      sourceMatchers: dto.source_matchers ?? [],
      targetMatchers: dto.target_matchers ?? [],
      equal: dto.equal ?? [],
    };
    if (!preset && (rule.sourceMatchers.length === 0 || rule.targetMatchers.length === 0))
      throw new InvalidInputError('give a preset, or source_matchers and target_matchers');
    const problem = [...rule.sourceMatchers, ...rule.targetMatchers].map(matcherProblem).find((p) => p !== null);
    if (problem) throw new InvalidInputError(problem);
    const row = await this.rules.save(this.rules.create({ projectId, ...rule }));
    await this.effects.apply(projectId);
    return InhibitionRuleResponse.from(row);
  }

  async remove(userId: string, id: string): Promise<void> {
    const row = await this.rules
      .createQueryBuilder('r')
      .innerJoin('projects', 'p', 'p.id = r.project_id')
      .where('r.id = :id AND p.user_id = :userId', { id, userId })
      .getOne();
    if (!row) throw new NotFoundError('Inhibition rule');
    await this.rules.delete({ id: row.id });
    await this.effects.apply(row.projectId);
  }
}
