import { agreement, TemplateCluster } from './template-cluster';

/** The miner's clusters by id and by token count, with the search for a message's best match. */
export class ClusterIndex {
  private readonly byLength = new Map<number, TemplateCluster[]>();
  private readonly byId = new Map<number, TemplateCluster>();

  get size(): number {
    return this.byId.size;
  }

  get(id: number): TemplateCluster | undefined {
    return this.byId.get(id);
  }

  has(c: TemplateCluster): boolean {
    return this.byId.get(c.id) === c;
  }

  values(): IterableIterator<TemplateCluster> {
    return this.byId.values();
  }

  insert(c: TemplateCluster): void {
    this.byId.set(c.id, c);
    const list = this.byLength.get(c.tokens.length);
    if (list) list.push(c);
    else this.byLength.set(c.tokens.length, [c]);
  }

  remove(c: TemplateCluster): void {
    this.byId.delete(c.id);
    const list = this.byLength.get(c.tokens.length);
    if (list) list.splice(list.indexOf(c), 1);
  }

  /** Drops the least recently seen cluster (ties: the smallest). */
  evictOldest(): void {
    let victim: TemplateCluster | undefined;
    for (const c of this.byId.values()) {
      if (!victim || c.lastSeen < victim.lastSeen || (c.lastSeen === victim.lastSeen && c.count < victim.count))
        victim = c;
    }
    if (victim) this.remove(victim);
  }

  /** The cluster of the message's length that agrees most with it, if at least `threshold`. */
  search(tokens: readonly string[], n: number, threshold: number): TemplateCluster | undefined {
    const candidates = this.byLength.get(n);
    if (!candidates) return undefined;
    let best: TemplateCluster | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      const score = agreement(c.tokens, tokens, n);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return bestScore >= threshold ? best : undefined;
  }
}
