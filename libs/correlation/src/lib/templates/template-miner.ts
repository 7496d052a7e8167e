import { MaskedMessageCache } from './masked-message-cache';
import { ClusterIndex } from './cluster-index';
import { generalize, TemplateCluster, templateText } from './template-cluster';
import { mergeTokens, tokenize, WILDCARD } from './tokenize';
import { cloneFamily, noteConflicts, VariantFamily, variantKey, wordConflicts } from './word-variants';

export type { TemplateCluster } from './template-cluster';
export { templateText } from './template-cluster';

export interface TemplateMinerOptions {
  /** Least share of positions that must agree for a message to join a cluster (0..1). */
  similarity?: number;
  /** Most clusters kept; the least recently seen is evicted beyond it. */
  maxClusters?: number;
  /** Most examples kept per cluster. */
  maxExamples?: number;
  /**
   * Most distinct words a position may hold and still tell events apart (`Failed password` and
   * `Failed none` are two events); one more and it is a variable. 0: any differing word is a variable.
   */
  maxWordVariants?: number;
}

export interface MatchResult {
  clusterId: number;
  template: string;
  /** The message's tokens where the template has a <*> (raw tokens: `pool_7` for `pool_<*>`). */
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
  families?: VariantFamily[];
  /** [merged id, the id it was merged into]. */
  aliases?: [number, number][];
}

/** The generic settings every project uses (tuned on no single log type). */
export const DEFAULT_MINER_OPTIONS: Required<TemplateMinerOptions> = {
  similarity: 0.7,
  maxClusters: 5000,
  maxExamples: 3,
  maxWordVariants: 3,
};

/**
 * A streaming log-template miner in the family of Drain: messages are masked by shape (see
 * tokenize), grouped by token count, and joined to the most similar cluster of that length when
 * enough positions agree; differing positions become <*>. A cluster keeps its id as its template
 * generalises. Identical masked messages are answered from a cache without a search.
 */
export class TemplateMiner {
  private readonly opts: Required<TemplateMinerOptions>;
  private readonly index = new ClusterIndex();
  private readonly cache: MaskedMessageCache<TemplateCluster>;
  private nextId = 1;
  private readonly families = new Map<number, VariantFamily>();
  private readonly aliases = new Map<number, number>();
  /** What changed since takeChanges was last called, for a store that writes only that. */
  private readonly changedFamilies = new Set<number>();
  private readonly newAliases: [number, number][] = [];
  private readonly tokens: string[] = [];
  private readonly runs: number[] = [];
  private readonly hashes: number[] = [];
  private readonly raw: string[] = [];

  constructor(options: TemplateMinerOptions = {}) {
    this.opts = { ...DEFAULT_MINER_OPTIONS, ...options };
    this.cache = new MaskedMessageCache(this.opts.maxClusters * 20);
  }

  get size(): number {
    return this.index.size;
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
    if (!cluster || !this.index.has(cluster)) {
      const found = this.index.search(tokens, n, this.opts.similarity);
      if (found) {
        cluster = this.join(found, tokens, at);
        // A new sibling has seen no message yet; any other cluster learns from this one.
        change = cluster.count === 0 ? 'created' : generalize(cluster, tokens, this.runs) ? 'generalized' : 'none';
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
    return this.index.get(this.resolve(id));
  }

  /** The families changed and the clusters merged since the last call. */
  takeChanges(): { families: VariantFamily[]; merged: [number, number][] } {
    const families = [...this.changedFamilies]
      .map((id) => this.families.get(id))
      .filter((f): f is VariantFamily => f !== undefined)
      .map(cloneFamily);
    const merged = this.newAliases.splice(0);
    this.changedFamilies.clear();
    return { families, merged };
  }

  /** The id a cluster goes by now: itself, or the cluster it was merged into. */
  resolve(id: number): number {
    let to = id;
    for (let next = this.aliases.get(to); next !== undefined; next = this.aliases.get(to)) to = next;
    return to;
  }

  /**
   * The cluster a message that matched `found` belongs to: `found`, unless a word at one of its
   * constant positions differs (then a sibling of that word, see VariantFamily) — and when that word
   * proves the position a variable, the family's clusters merge and the message joins the result.
   */
  private join(found: TemplateCluster, tokens: string[], at: number): TemplateCluster {
    const limit = this.opts.maxWordVariants;
    const family = found.family !== undefined ? this.families.get(found.family) : undefined;
    const conflicts = limit > 0 ? wordConflicts(found.tokens, tokens, family?.variable ?? []) : [];
    if (conflicts.length === 0) return found;
    const f = family ?? this.newFamily(found);
    this.changedFamilies.add(f.id);
    if (noteConflicts(f, conflicts, found.tokens, tokens, limit).length > 0) {
      const survivor = this.mergeFamily(f, found);
      return this.join(survivor, tokens, at);
    }
    const sibling = this.create(
      tokens.map((t, i) => (conflicts.includes(i) ? t : mergeTokens(found.tokens[i], t))),
      at,
    );
    sibling.family = f.id;
    f.members.push(sibling.id);
    return sibling;
  }

  private newFamily(first: TemplateCluster): VariantFamily {
    const f: VariantFamily = { id: first.id, members: [first.id], variable: [], values: {} };
    this.families.set(f.id, f);
    first.family = f.id;
    return f;
  }

  /** Merges the members that no longer differ in a telling word; answers what `keep` became. */
  private mergeFamily(f: VariantFamily, keep: TemplateCluster): TemplateCluster {
    const byKey = new Map<string, TemplateCluster>();
    for (const id of [...f.members].sort((a, b) => a - b)) {
      const c = this.index.get(id);
      if (!c) continue;
      const key = variantKey(f, c.tokens);
      const into = byKey.get(key);
      if (!into) byKey.set(key, c);
      else this.absorb(into, c);
    }
    f.members = [...byKey.values()].map((c) => c.id);
    return this.index.get(this.resolve(keep.id)) as TemplateCluster;
  }

  /** `c` becomes part of `into` (the older): its messages, examples and the variables they show. */
  private absorb(into: TemplateCluster, c: TemplateCluster): void {
    generalize(into, c.tokens, c.runs ?? []);
    into.count += c.count;
    into.firstSeen = Math.min(into.firstSeen, c.firstSeen);
    into.lastSeen = Math.max(into.lastSeen, c.lastSeen);
    for (const e of c.examples) if (into.examples.length < this.opts.maxExamples) into.examples.push(e);
    this.index.remove(c);
    this.aliases.set(c.id, into.id);
    this.newAliases.push([c.id, into.id]);
  }

  clusters(): TemplateCluster[] {
    return [...this.index.values()];
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
      families: [...this.families.values()].map((f) => cloneFamily(f)),
      aliases: [...this.aliases],
    };
  }

  static fromJSON(state: TemplateMinerState): TemplateMiner {
    if (state.version !== 1) throw new Error(`unknown template miner state version ${String(state.version)}`);
    const m = new TemplateMiner(state.options);
    m.nextId = state.nextId;
    for (const c of state.clusters)
      m.index.insert({
        ...c,
        tokens: [...c.tokens],
        runs: c.runs ? [...c.runs] : undefined,
        examples: [...c.examples],
      });
    for (const f of state.families ?? []) m.families.set(f.id, cloneFamily(f));
    for (const [from, to] of state.aliases ?? []) m.aliases.set(from, to);
    return m;
  }

  private create(tokens: string[], at: number): TemplateCluster {
    if (this.index.size >= this.opts.maxClusters) this.index.evictOldest();
    const c: TemplateCluster = {
      id: this.nextId++,
      tokens: tokens.slice(),
      runs: this.runs.slice(0, tokens.length),
      count: 0,
      firstSeen: at,
      lastSeen: at,
      examples: [],
      family: undefined, // every cluster of one shape (hidden class): the hot path stays monomorphic
    };
    this.index.insert(c);
    return c;
  }

  /** The message's text at each <*> token of the cluster's template. */
  private params(c: TemplateCluster, message: string): string[] {
    const values = this.raw;
    tokenize(message, this.tokens, values);
    const out: string[] = [];
    for (let i = 0; i < c.tokens.length && i < values.length; i++)
      if (c.tokens[i].includes(WILDCARD)) out.push(values[i]);
    return out;
  }
}
