/**
 * Pairwise scoring of a predicted grouping against the true one, over the firing occurrences of a
 * story (one item per distinct signal: a redelivery is the same item).
 */
export interface ScoredItem {
  id: string;
  /** The true incident; null: must not be in an incident (a heartbeat). */
  truth: string | null;
  /** The incident the engine put it in (after merges); null: none. */
  predicted: string | null;
  /** Its membership carries a reason. */
  explained: boolean;
  /** The engine's reason, for the report. */
  reason?: string;
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  predictedIncidents: number;
  trueIncidents: number;
  explained: number;
  members: number;
  lost: number;
  /** Heartbeat items that ended up in an incident. */
  heartbeatsInIncidents: number;
  /** True incidents spread over several predicted ones, and predicted ones mixing several true ones. */
  split: Array<{ truth: string; into: number }>;
  merged: Array<{ incident: string; truths: string[] }>;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

export function score(items: ScoredItem[]): Score {
  const real = items.filter((i) => i.truth !== null);
  const placed = real.filter((i) => i.predicted !== null);
  let truePairs = 0;
  let predPairs = 0;
  let both = 0;
  for (const n of countBy(real, (i) => i.truth as string).values()) truePairs += pairs(n);
  for (const n of countBy(placed, (i) => i.predicted as string).values()) predPairs += pairs(n);
  for (const n of countBy(placed, (i) => `${i.truth}\u0000${i.predicted}`).values()) both += pairs(n);
  const precision = predPairs === 0 ? 1 : both / predPairs;
  const recall = truePairs === 0 ? 1 : both / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

  const byTruth = new Map<string, Set<string>>();
  const byPred = new Map<string, Set<string>>();
  for (const i of placed) {
    byTruth.set(i.truth as string, (byTruth.get(i.truth as string) ?? new Set()).add(i.predicted as string));
    byPred.set(i.predicted as string, (byPred.get(i.predicted as string) ?? new Set()).add(i.truth as string));
  }
  const heartbeats = items.filter((i) => i.truth === null && i.predicted !== null);
  const predicted = new Set([...placed, ...heartbeats].map((i) => i.predicted));
  return {
    precision,
    recall,
    f1,
    predictedIncidents: predicted.size,
    trueIncidents: new Set(real.map((i) => i.truth)).size,
    explained: placed.filter((i) => i.explained).length,
    members: placed.length,
    lost: real.length - placed.length,
    heartbeatsInIncidents: heartbeats.length,
    split: [...byTruth].filter(([, p]) => p.size > 1).map(([truth, p]) => ({ truth, into: p.size })),
    merged: [...byPred].filter(([, t]) => t.size > 1).map(([incident, t]) => ({ incident, truths: [...t].sort() })),
  };
}

const f = (x: number) => x.toFixed(3);

export function scoreLine(name: string, s: Score): string {
  return (
    `${name}: pairwise_f1=${f(s.f1)} precision=${f(s.precision)} recall=${f(s.recall)} ` +
    `incidents=${s.predictedIncidents}/${s.trueIncidents} explained=${s.explained}/${s.members} lost=${s.lost}` +
    (s.heartbeatsInIncidents ? ` heartbeats_in_incidents=${s.heartbeatsInIncidents}` : '')
  );
}

/** The splits and merges, with the engine's reasons for the merged members. */
export function scoreDetails(s: Score, items: ScoredItem[]): string[] {
  const out: string[] = [];
  for (const sp of s.split) out.push(`  split: ${sp.truth} into ${sp.into} incidents`);
  for (const mg of s.merged) {
    out.push(`  merged: ${mg.truths.join(' + ')}`);
    for (const i of items.filter((x) => x.predicted === mg.incident).slice(0, 6))
      out.push(`    ${i.truth}: ${i.reason ?? '(no reason)'}`);
  }
  return out;
}
