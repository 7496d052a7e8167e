interface Entry<T> {
  tokens: string[];
  runs: number[];
  value: T;
}

/**
 * Answers a masked message seen before without a search: keyed by a 30-bit hash of its tokens'
 * hashes (which tokenize takes while it reads the message) and run lengths — no joined key string to
 * build and hash, which was a quarter of the miner's time — and checked token by token on a hit. Two messages
 * with one hash share a slot: the later one replaces the earlier, which is then searched again —
 * a cache miss, never a wrong answer.
 */
export class MaskedMessageCache<T> {
  private readonly slots = new Map<number, Entry<T>>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.slots.size;
  }

  get(tokens: readonly string[], runs: readonly number[], hashes: readonly number[], n: number): T | undefined {
    const e = this.slots.get(hash(hashes, runs, n));
    if (!e || e.tokens.length !== n) return undefined;
    for (let i = 0; i < n; i++) if (e.tokens[i] !== tokens[i] || e.runs[i] !== runs[i]) return undefined;
    return e.value;
  }

  set(tokens: readonly string[], runs: readonly number[], hashes: readonly number[], n: number, value: T): void {
    // Bounded: past its capacity the cache starts afresh (the clusters themselves are kept).
    if (this.slots.size >= this.capacity) this.slots.clear();
    this.slots.set(hash(hashes, runs, n), { tokens: tokens.slice(0, n), runs: runs.slice(0, n), value });
  }
}

function hash(hashes: readonly number[], runs: readonly number[], n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(Math.imul(h ^ hashes[i], 0x01000193) ^ runs[i], 0x01000193);
  return h & 0x3fffffff; // a small integer: no boxed key
}
