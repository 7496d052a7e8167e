import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LabelMatcher, SilenceState } from '@mozaic/contracts';
import { Repository } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../../common/errors';
import { matcherProblem, matches } from '../notifications/routing/label-matcher';
import { SilenceEntity } from './entities/silence.entity';
import { silenceState } from './matching/silence-matcher';

/** What a silence is made of, from either API. */
export interface SilenceInput {
  matchers?: LabelMatcher[];
  startsAt?: Date;
  endsAt?: Date;
  comment?: string;
  createdBy?: string;
  /** Expire when this incident resolves. */
  untilIncidentId?: string | null;
}

const MAX_MATCHERS = 32;

/**
 * A project's silences, for MOZAIC's API and the Alertmanager API alike (callers check access):
 * validated as Alertmanager does (at least one matcher, one that is not empty-matching, a range
 * that ends after it starts), expired by moving the end to now, never deleted.
 */
@Injectable()
export class SilenceStore {
  constructor(@InjectRepository(SilenceEntity) private readonly silences: Repository<SilenceEntity>) {}

  list(projectId: string, state?: SilenceState, now = Date.now()): Promise<SilenceEntity[]> {
    return this.silences
      .find({ where: { projectId }, order: { createdAt: 'DESC' }, take: 1000 })
      .then((rows) => (state ? rows.filter((r) => stateOf(r, now) === state) : rows));
  }

  async get(projectId: string, id: string): Promise<SilenceEntity> {
    const row = await this.silences.findOne({ where: { projectId, id } });
    if (!row) throw new NotFoundError('Silence');
    return row;
  }

  async create(projectId: string, input: SilenceInput): Promise<SilenceEntity> {
    const row = this.silences.create({
      projectId,
      matchers: input.matchers ?? [],
      startsAt: input.startsAt ?? new Date(),
      endsAt: input.endsAt ?? new Date(NaN),
      comment: input.comment ?? '',
      createdBy: input.createdBy ?? 'unknown',
      untilIncidentId: input.untilIncidentId ?? null,
    });
    validate(row);
    return this.silences.save(row);
  }

  /** Changes a silence that has not expired (an expired one is kept as it was, for the audit trail). */
  async update(projectId: string, id: string, input: SilenceInput): Promise<SilenceEntity> {
    const row = await this.get(projectId, id);
    if (stateOf(row, Date.now()) === 'expired') throw new InvalidInputError('An expired silence cannot be changed');
    if (input.matchers) row.matchers = input.matchers;
    if (input.startsAt) row.startsAt = input.startsAt;
    if (input.endsAt) row.endsAt = input.endsAt;
    if (input.comment !== undefined) row.comment = input.comment;
    validate(row);
    return this.silences.save(row);
  }

  /** Ends a silence now (a pending one never starts); an expired one stays as it is. */
  async expire(projectId: string, id: string): Promise<SilenceEntity> {
    const row = await this.get(projectId, id);
    const now = new Date();
    if (stateOf(row, now.getTime()) === 'expired') return row;
    row.endsAt = now;
    if (row.startsAt > now) row.startsAt = now;
    return this.silences.save(row);
  }
}

export const stateOf = (s: SilenceEntity, now: number): SilenceState =>
  silenceState({ startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime() }, now);

function validate(s: SilenceEntity): void {
  if (!Number.isFinite(s.endsAt.getTime())) throw new InvalidInputError('endsAt is required');
  if (!Number.isFinite(s.startsAt.getTime())) throw new InvalidInputError('startsAt is not a time');
  if (s.endsAt <= s.startsAt) throw new InvalidInputError('endsAt must be after startsAt');
  if (s.matchers.length === 0) throw new InvalidInputError('a silence needs at least one matcher');
  if (s.matchers.length > MAX_MATCHERS) throw new InvalidInputError(`a silence takes at most ${MAX_MATCHERS} matchers`);
  for (const m of s.matchers) {
    const problem = matcherProblem(m);
    if (problem) throw new InvalidInputError(`matchers: ${problem}`);
  }
  // As Alertmanager: a silence must not match everything (every matcher matching the empty value).
  if (s.matchers.every((m) => matchesEmpty(m)))
    throw new InvalidInputError(
      'at least one matcher must not match the empty value (the silence would match every alert)',
    );
  if (s.comment.length > 2000) throw new InvalidInputError('comment is longer than 2000 characters');
}

/** Whether a matcher holds for an alert without that label (its value is then ""). */
const matchesEmpty = (m: LabelMatcher): boolean => matches(m, {});
