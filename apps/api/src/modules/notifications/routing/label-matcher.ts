import { LabelMatcher } from '@mozaic/contracts';
import { RE2JS } from 're2js';

/** What a matcher is tried against: each name (entity, `source`, label) → the values the incident has. */
export type IncidentLabels = Record<string, string[]>;

/** The longest regular expression a matcher may carry. */
export const MAX_PATTERN_LENGTH = 500;

/**
 * Compiles a matcher's pattern as Alertmanager does: RE2 syntax, anchored at both ends. RE2 runs in
 * time linear in the input, so no pattern a user gives can stall the process. Throws with RE2's
 * message on a pattern that does not compile.
 */
export function compilePattern(value: string): RE2JS {
  return RE2JS.compile(`^(?:${value})$`);
}

/** The reason a matcher is unusable, or null. */
export function matcherProblem(m: LabelMatcher): string | null {
  if (m.op !== '=~' && m.op !== '!~') return null;
  if (m.value.length > MAX_PATTERN_LENGTH) return `the pattern of ${m.name} is longer than ${MAX_PATTERN_LENGTH}`;
  try {
    compilePattern(m.value);
    return null;
  } catch (e) {
    return `the pattern of ${m.name} is not a valid RE2 expression (${(e as Error).message})`;
  }
}

/**
 * Whether an incident's labels satisfy a matcher. An incident carries several values per name (its
 * members' services, say): `=` and `=~` hold when one value matches, `!=` and `!~` when none does —
 * so `service!=db` means "db is not among the services". A name the incident lacks has the value
 * "" (as a missing label in Alertmanager): `team=""` matches incidents without a team.
 */
export function matches(m: LabelMatcher, labels: IncidentLabels, cache = new Map<string, RE2JS>()): boolean {
  const values = labels[m.name]?.length ? labels[m.name] : [''];
  if (m.op === '=') return values.includes(m.value);
  if (m.op === '!=') return !values.includes(m.value);
  let re = cache.get(m.value);
  if (!re) cache.set(m.value, (re = compilePattern(m.value)));
  const any = values.some((v) => (re as RE2JS).matches(v));
  return m.op === '=~' ? any : !any;
}
