import { covers, mergeTokens, WILDCARD } from './tokenize';

export interface TemplateCluster {
  id: number;
  /** Tokens, with <*> for variable positions or parts (`uid=<*>`, `<*>:<*>`). */
  tokens: string[];
  /**
   * Per token: how many message tokens a <*> stands for when every message had the same number
   * there (a value of two words shows as `<*> <*>`), 0 when it varies (a list: one `<*>`).
   */
  runs?: number[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  examples: string[];
  /** The VariantFamily this cluster belongs to, if words told it apart from others. */
  family?: number;
}

/** The template as people read it: tokens joined by spaces, a <*> of a fixed width repeated. */
export function templateText(c: Pick<TemplateCluster, 'tokens' | 'runs'>): string {
  let out = '';
  for (let i = 0; i < c.tokens.length; i++) {
    const t = c.tokens[i];
    const r = t === WILDCARD ? (c.runs?.[i] ?? 1) : 1;
    const text = r > 1 ? Array(r).fill(WILDCARD).join(' ') : t;
    out += i === 0 ? text : ' ' + text;
  }
  return out;
}

/**
 * Widens a template to cover a message of its length: each differing token becomes what both share
 * (see mergeTokens); a run whose width differs becomes a run of varying width. Answers whether the
 * template's text changed.
 */
export function generalize(c: TemplateCluster, tokens: readonly string[], runs: readonly number[]): boolean {
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    if (c.tokens[i] !== tokens[i] && c.tokens[i] !== WILDCARD) {
      const merged = mergeTokens(c.tokens[i], tokens[i]);
      if (merged !== c.tokens[i]) {
        c.tokens[i] = merged;
        changed = true;
      }
    }
    if (c.runs && c.runs[i] !== 0 && c.runs[i] !== (runs[i] ?? 1)) c.runs[i] = 0;
  }
  return changed;
}

/**
 * How far a message agrees with a template of its length (0..1), over the positions where either
 * side is a constant (shared <*> say nothing); -1 when they begin with different words.
 */
export function agreement(t: readonly string[], tokens: readonly string[], n: number): number {
  // As in Drain's prefix tree: messages that begin with different words are different events
  // (a first word that is a variable by shape matches anything).
  if (n > 1 && t[0] !== tokens[0] && t[0] !== WILDCARD && tokens[0] !== WILDCARD && !covers(t[0], tokens[0])) return -1;
  let same = 0;
  let considered = 0;
  for (let i = 0; i < n; i++) {
    const a = t[i];
    const b = tokens[i];
    if (a === WILDCARD && b === WILDCARD) continue;
    considered++;
    if (a === b || covers(a, b)) same++;
    // Half a match for tokens of one structure (`env:os.name=<*>` and `env:java.home=<*>`).
    else if (a.length > 3 && b.length > 3 && mergeTokens(a, b) !== WILDCARD) same += 0.5;
  }
  return considered === 0 ? 1 : same / considered;
}
