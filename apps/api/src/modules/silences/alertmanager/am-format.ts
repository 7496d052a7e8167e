import { LABEL_NAME, LabelMatcher, MatchOperator, parseMatcher } from '@mozaic/contracts';
import { InvalidInputError } from '../../../common/errors';
import { Json, obj, str } from '@mozaic/sources';
import { SilenceEntity } from '../entities/silence.entity';
import { stateOf } from '../silence-store.service';

/** Alertmanager's matcher (API v2). */
export interface AmMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export function toAmMatcher(m: LabelMatcher): AmMatcher {
  return {
    name: m.name,
    value: m.value,
    isRegex: m.op === '=~' || m.op === '!~',
    isEqual: m.op === '=' || m.op === '=~',
  };
}

export function fromAmMatcher(m: Json, i: number): LabelMatcher {
  const name = str(m, 'name');
  const value = (m as Record<string, unknown> | null)?.['value'];
  const isRegex = (m as Record<string, unknown> | null)?.['isRegex'];
  const isEqual = (m as Record<string, unknown> | null)?.['isEqual'] ?? true;
  if (!name || !LABEL_NAME.test(name)) throw new InvalidInputError(`matchers[${i}].name must be a label name`);
  if (typeof value !== 'string' || value.length > 500)
    throw new InvalidInputError(`matchers[${i}].value must be a string`);
  if (typeof isRegex !== 'boolean' || typeof isEqual !== 'boolean')
    throw new InvalidInputError(`matchers[${i}].isRegex and isEqual must be booleans`);
  const op: MatchOperator = isRegex ? (isEqual ? '=~' : '!~') : isEqual ? '=' : '!=';
  return { name, op, value };
}

/** Alertmanager's gettableSilence. */
export function gettableSilence(s: SilenceEntity, now = Date.now()) {
  return {
    id: s.id,
    status: { state: stateOf(s, now) },
    updatedAt: s.updatedAt.toISOString(),
    matchers: s.matchers.map(toAmMatcher),
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    createdBy: s.createdBy,
    comment: s.comment,
  };
}

/** A postableSilence's fields (id: an update of that silence). */
export function postableSilence(body: Json): {
  id: string | null;
  matchers: LabelMatcher[];
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  comment: string;
} {
  const b = obj({ b: body }, 'b');
  if (!b) throw new InvalidInputError('the body must be a silence object');
  const raw = b['matchers'];
  if (!Array.isArray(raw)) throw new InvalidInputError('matchers must be an array');
  const time = (k: string) => {
    const v = str(b, k);
    const t = v ? Date.parse(v) : NaN;
    if (!Number.isFinite(t)) throw new InvalidInputError(`${k} must be a date-time`);
    return new Date(t);
  };
  const createdBy = str(b, 'createdBy');
  if (!createdBy) throw new InvalidInputError('createdBy is required');
  return {
    id: str(b, 'id') ?? null,
    matchers: raw.map((m, i) => fromAmMatcher(m as Json, i)),
    startsAt: time('startsAt'),
    endsAt: time('endsAt'),
    createdBy: createdBy.slice(0, 200),
    comment: str(b, 'comment') ?? '',
  };
}

/** Matchers of Alertmanager's `filter` query parameter: `name="value"`, `name=~"re"`, `name!="v"`, `name!~"re"`. */
export function filterMatchers(filter: unknown): LabelMatcher[] {
  const list = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
  return list.map((f, i) => {
    const m = parseMatcher(String(f));
    if (!m) throw new InvalidInputError(`filter[${i}] is not a matcher such as alertname="Foo"`);
    return m;
  });
}
