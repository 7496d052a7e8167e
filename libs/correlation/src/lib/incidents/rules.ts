import { isWeakKey } from '../entities/entities';
import { AlertState, IncidentState } from './model';

/**
 * What the engine learns from people's corrections: two entity keys belong together (a merge;
 * an alert moved into an incident) or apart (an alert moved out). Later groupings honour the
 * rules and cite them ("grouped because you merged service:checkout and service:checkout-worker
 * on 12 Nov").
 */
export interface CorrelationRule {
  keyA: string;
  keyB: string;
  relation: 'together' | 'apart';
  /** Who made the correction and when, for explanations: "alice@example.com on 12 Nov 2026". */
  by: string;
}

/** The keys that say what an incident or alert is about (strong keys, most specific first). */
export function primaryKeys(keys: string[]): string[] {
  return keys.filter((k) => !isWeakKey(k) && !k.startsWith('pod:')).slice(0, 2);
}

export function incidentKeys(inc: IncidentState): string[] {
  return primaryKeys(Object.keys(inc.keySpans));
}

function pairs(a: string[], b: string[], relation: CorrelationRule['relation'], by: string): CorrelationRule[] {
  const out: CorrelationRule[] = [];
  for (const x of a) for (const y of b) if (x !== y) out.push(normalise({ keyA: x, keyB: y, relation, by }));
  return out;
}

/** Keys in a stable order, so one pair is one rule whichever side it was learned from. */
function normalise(r: CorrelationRule): CorrelationRule {
  return r.keyA <= r.keyB ? r : { ...r, keyA: r.keyB, keyB: r.keyA };
}

/** A merge of `from` into `into`: what each was about belongs together. */
export function rulesFromMerge(from: IncidentState, into: IncidentState, by: string): CorrelationRule[] {
  return pairs(incidentKeys(from), incidentKeys(into), 'together', by);
}

/** An alert moved from one incident to another (or to a new one): apart from the first, with the second. */
export function rulesFromMove(
  alert: AlertState,
  from: IncidentState,
  to: IncidentState | null,
  by: string,
): CorrelationRule[] {
  const own = primaryKeys(alert.keys);
  const stay = incidentKeys(from).filter((k) => !own.includes(k));
  return [
    ...pairs(own, stay, 'apart', by),
    ...(to
      ? pairs(
          own,
          incidentKeys(to).filter((k) => !own.includes(k)),
          'together',
          by,
        )
      : []),
  ];
}

/** The rules that relate one of `a` to one of `b`. */
export function rulesBetween(
  rules: CorrelationRule[],
  a: string[],
  b: string[],
  relation: CorrelationRule['relation'],
): CorrelationRule[] {
  const as = new Set(a);
  const bs = new Set(b);
  return rules.filter(
    (r) => r.relation === relation && ((as.has(r.keyA) && bs.has(r.keyB)) || (as.has(r.keyB) && bs.has(r.keyA))),
  );
}
