import { LabelMatcher, MatchOperator } from './notifications';

/** A label name, as Prometheus and Alertmanager allow them (dots and dashes too, for MOZAIC's entities). */
export const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/;

/** One matcher as Alertmanager writes it (`service="checkout"`, `job=~"api|web"`), or null. */
export function parseMatcher(text: string): LabelMatcher | null {
  const m = MATCHER.exec(text);
  return m ? { name: m[1], op: m[2] as MatchOperator, value: m[3] } : null;
}

/** Comma-separated matchers (`service=~"checkout|payments", namespace!="dev"`); throws on one that is not. */
export function parseMatchers(text: string): LabelMatcher[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = parseMatcher(part);
      if (!m) throw new Error(`"${part}" is not a matcher such as service="checkout"`);
      return m;
    });
}

/** Matchers written back the same way. */
export function matchersText(ms: LabelMatcher[]): string {
  return ms.map((m) => `${m.name}${m.op}"${m.value}"`).join(', ');
}
