import { MaskedMessageCache } from './masked-message-cache';
import { covers, mergeTokens, tokenize, WILDCARD } from './tokenize';

export interface TemplateMinerOptions {
  /** Least share of positions that must agree for a message to join a cluster (0..1). */
  similarity?: number;
  /** Most clusters kept; the least recently seen is evicted beyond it. */
  maxClusters?: number;
  /** Most examples kept per cluster. */
  maxExamples?: number;
}

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
}

export interface MatchResult {
  clusterId: number;
  template: string;
  /** The message's values at the template's <*> positions (raw tokens). */
  params: string[];
  /** 'created' for a new cluster, 'generalized' when the template gained a <*>, else 'none'. */
  change: 'created' | 'generalized' | 'none';
}

/** Serializable state, so a project's templates survive restarts and move between workers. */
export interface TemplateMinerState {
  version: 1;
  nextId: number;
  options: Required<TemplateMinerOptions>;
  clusters: TemplateCluster[];
}

/** The generic settings every project uses (tuned on no single log type). */
export const DEFAULT_MINER_OPTIONS: Required<TemplateMinerOptions> = {
  similarity: 0.7,
  maxClusters: 5000,
  maxExamples: 3,
};

/**
 * A streaming log-template miner in the family of Drain: messages are masked by shape (see
 * tokenize), grouped by token count, and joined to the most similar cluster of that length when
 * enough positions agree; differing positions become <*>. A cluster keeps its id as its template
 * generalises. Identical masked messages are answered from a cache without a search.
 */
export class TemplateMiner {
  private readonly opts: Required<TemplateMinerOptions>;
  private readonly byLength = new Map<number, TemplateCluster[]>();
  private readonly byId = new Map<number, TemplateCluster>();
  private readonly cache: MaskedMessageCache<TemplateCluster>;
  private nextId = 1;
  private readonly tokens: string[] = [];
  private readonly runs: number[] = [];
  private readonly hashes: number[] = [];
  private readonly raw: string[] = [];

  constructor(options: TemplateMinerOptions = {}) {
    this.opts = { ...DEFAULT_MINER_OPTIONS, ...options };
    this.cache = new MaskedMessageCache(this.opts.maxClusters * 20);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Files a message; `at` is its occurrence time (ms), passed in: the miner has no clock. */
  add(message: string, at = 0): MatchResult {
    const cluster = this.match(message, at);
    return {
      clusterId: cluster.id,
      template: templateText(cluster),
      params: this.params(cluster, message),
      change: this.lastChange,
    };
  }

  /** Only the cluster id: the hot path for bulk grouping. */
  addId(message: string, at = 0): number {
    return this.match(message, at).id;
  }

  private lastChange: MatchResult['change'] = 'none';

  private match(message: string, at: number): TemplateCluster {
    const tokens = this.tokens;
    const n = tokenize(message, tokens, undefined, this.runs, this.hashes);
    let cluster = this.cache.get(tokens, this.runs, this.hashes, n);
    let change: MatchResult['change'] = 'none';
    if (!cluster || !this.byId.has(cluster.id)) {
      cluster = this.search(tokens, n);
      if (cluster) {
        if (this.generalize(cluster, tokens, this.runs)) change = 'generalized';
      } else {
        cluster = this.create(tokens, at);
        change = 'created';
      }
      this.cache.set(tokens, this.runs, this.hashes, n, cluster);
    }
    cluster.count++;
    if (at > cluster.lastSeen) cluster.lastSeen = at;
    if (cluster.examples.length < this.opts.maxExamples && !cluster.examples.includes(message))
      cluster.examples.push(message);
    this.lastChange = change;
    return cluster;
  }

  cluster(id: number): TemplateCluster | undefined {
    return this.byId.get(id);
  }

  clusters(): TemplateCluster[] {
    return [...this.byId.values()];
  }

  toJSON(): TemplateMinerState {
    return {
      version: 1,
      nextId: this.nextId,
      options: this.opts,
      clusters: this.clusters().map((c) => ({
        ...c,
        tokens: [...c.tokens],
        runs: c.runs ? [...c.runs] : undefined,
        examples: [...c.examples],
      })),
    };
  }

  static fromJSON(state: TemplateMinerState): TemplateMiner {
    if (state.version !== 1) throw new Error(`unknown template miner state version ${String(state.version)}`);
    const m = new TemplateMiner(state.options);
    m.nextId = state.nextId;
    for (const c of state.clusters)
      m.insert({ ...c, tokens: [...c.tokens], runs: c.runs ? [...c.runs] : undefined, examples: [...c.examples] });
    return m;
  }

  private search(tokens: string[], n: number): TemplateCluster | undefined {
    const candidates = this.byLength.get(n);
    if (!candidates) return undefined;
    let best: TemplateCluster | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      const t = c.tokens;
      // As in Drain's prefix tree: messages that begin with different words are different events
      // (a first word that is a variable by shape matches anything).
      if (n > 1 && t[0] !== tokens[0] && t[0] !== WILDCARD && tokens[0] !== WILDCARD && !covers(t[0], tokens[0]))
        continue;
      // Agreement over the positions where either side is a constant; shared <*> say nothing.
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
      const score = considered === 0 ? 1 : same / considered;
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return bestScore >= this.opts.similarity ? best : undefined;
  }

  private generalize(c: TemplateCluster, tokens: string[], runs: number[]): boolean {
    let changed = false;
    for (let i = 0; i < tokens.length; i++) {
      if (c.tokens[i] !== tokens[i] && c.tokens[i] !== WILDCARD) {
        const merged = mergeTokens(c.tokens[i], tokens[i]);
        if (merged !== c.tokens[i]) {
          c.tokens[i] = merged;
          changed = true;
        }
      }
      if (c.runs && c.runs[i] !== 0 && c.runs[i] !== runs[i]) c.runs[i] = 0;
    }
    return changed;
  }

  private create(tokens: string[], at: number): TemplateCluster {
    if (this.byId.size >= this.opts.maxClusters) this.evict();
    const c: TemplateCluster = {
      id: this.nextId++,
      tokens: [...tokens],
      runs: [...this.runs],
      count: 0,
      firstSeen: at,
      lastSeen: at,
      examples: [],
    };
    this.insert(c);
    return c;
  }

  private insert(c: TemplateCluster): void {
    this.byId.set(c.id, c);
    const list = this.byLength.get(c.tokens.length);
    if (list) list.push(c);
    else this.byLength.set(c.tokens.length, [c]);
  }

  /** Drops the least recently seen cluster (ties: the smallest). */
  private evict(): void {
    let victim: TemplateCluster | undefined;
    for (const c of this.byId.values()) {
      if (!victim || c.lastSeen < victim.lastSeen || (c.lastSeen === victim.lastSeen && c.count < victim.count))
        victim = c;
    }
    if (!victim) return;
    this.byId.delete(victim.id);
    const list = this.byLength.get(victim.tokens.length);
    if (list) list.splice(list.indexOf(victim), 1);
  }

  /** The message's text at each <*> token of the cluster's template. */
  private params(c: TemplateCluster, message: string): string[] {
    const values = this.raw;
    tokenize(message, this.tokens, values);
    const out: string[] = [];
    for (let i = 0; i < c.tokens.length && i < values.length; i++) if (c.tokens[i] === WILDCARD) out.push(values[i]);
    return out;
  }
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
