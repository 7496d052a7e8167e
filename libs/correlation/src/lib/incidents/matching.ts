import { MembershipReason } from '@mozaic/contracts';
import { contextsConflict, isWeakKey } from '../entities/entities';
import { AlertState, IncidentState } from './model';
import { CorrelationRule, rulesBetween } from './rules';

export interface Candidate {
  incident: IncidentState;
  /** Strong keys shared within the window (service, host, alarm). */
  matchedKeys: string[];
  /** Weak keys (system) shared within moments: a cascade across related resources. */
  weakKeys: string[];
  /** Names of this incident's affected services that the alert's text mentions (a client's error naming its failing dependency). */
  mentions: string[];
  /** A rule learned from a person's correction that puts the alert's entity with the incident's. */
  rule?: CorrelationRule;
  /** A past incident in which the alert's entity and this incident's fired together. */
  history?: { incidentId: string; title: string; at: number; keys: [string, string] };
  /** The node-down alert that explains this pod alert (see cascades.ts). */
  cascade?: string;
  sharedTemplates: string[];
  /** Distance from the alert to the nearest span of a matched key (or member, for templates), ms. */
  distanceMs: number;
}

function spanDistance(t: number, [first, last]: [number, number]): number {
  return t < first ? first - t : t > last ? t - last : 0;
}

export interface MatchOptions {
  windowMs: number;
  /** Weak keys join only alerts starting within this distance of a member carrying them. */
  burstMs: number;
  /** Keys of members still firing: their activity reaches up to now. */
  activeKeys?: Set<string>;
  /** Templates that tell incidents apart (rare in the project); others are no evidence. */
  specificTemplates?: (template: string) => boolean;
  /** Affected services of the incident named in the alert's text. */
  mentions?: (incident: IncidentState) => string[];
  /** Rules learned from corrections (together / apart). */
  rules?: CorrelationRule[];
}

/**
 * Whether an open incident can take the alert, and on what evidence: a strong entity key shared
 * with members within the window (of their activity) and no conflicting context; a weak (system)
 * key shared with a member that started within moments; or, for an alert that names no entity at
 * all, a specific log template shared with the incident within the window.
 */
export function candidateFor(
  alert: AlertState,
  at: number,
  incident: IncidentState,
  o: MatchOptions,
): Candidate | null {
  if (incident.status === 'resolved' || incident.mergedInto) return null;
  if (contextsConflict(alert.context, incident.context)) return null;
  const rules = o.rules ?? [];
  // A person said these entities do not belong together: nothing else overrides that.
  if (rules.length && rulesBetween(rules, alert.keys, Object.keys(incident.keySpans), 'apart').length) return null;
  const matchedKeys: string[] = [];
  const weakKeys: string[] = [];
  let distanceMs = Infinity;
  for (const k of alert.keys) {
    const span = incident.keySpans[k];
    if (!span) continue;
    if (isWeakKey(k)) {
      const d = spanDistance(at, span);
      if (d <= o.burstMs) {
        weakKeys.push(k);
        distanceMs = Math.min(distanceMs, d);
      }
      continue;
    }
    const d = o.activeKeys?.has(k) ? Math.max(0, span[0] - at) : spanDistance(at, span);
    if (d <= o.windowMs) {
      matchedKeys.push(k);
      distanceMs = Math.min(distanceMs, d);
    }
  }
  if (matchedKeys.length > 0) weakKeys.length = 0;
  if (matchedKeys.length === 0 && rules.length) {
    const near = Object.keys(incident.keySpans).filter((k) => {
      const span = incident.keySpans[k];
      return (o.activeKeys?.has(k) ? Math.max(0, span[0] - at) : spanDistance(at, span)) <= o.windowMs;
    });
    const [rule] = rulesBetween(rules, alert.keys, near, 'together');
    if (rule) return { incident, matchedKeys, weakKeys: [], mentions: [], rule, sharedTemplates: [], distanceMs: 0 };
  }
  const mentions = matchedKeys.length === 0 ? (o.mentions?.(incident) ?? []) : [];
  if (mentions.length > 0) {
    const near =
      (o.activeKeys?.size ?? 0) > 0
        ? Math.max(0, incident.startedAt - at)
        : spanDistance(at, [incident.startedAt, incident.lastSeen]);
    if (near <= o.windowMs)
      return { incident, matchedKeys, weakKeys: [], mentions, sharedTemplates: [], distanceMs: near };
  }
  const specific = o.specificTemplates ?? (() => true);
  const sharedTemplates = alert.templates.filter((t) => (incident.templates[t] ?? 0) > 0 && specific(t));
  const windowMs = o.windowMs;
  const activeKeys = o.activeKeys ?? new Set<string>();
  if (matchedKeys.length === 0 && weakKeys.length > 0)
    return { incident, matchedKeys, weakKeys, mentions: [], sharedTemplates, distanceMs };
  if (matchedKeys.length === 0) {
    const near =
      activeKeys.size > 0
        ? Math.max(0, incident.startedAt - at)
        : spanDistance(at, [incident.startedAt, incident.lastSeen]);
    if (alert.keys.length > 0 || sharedTemplates.length === 0 || near > windowMs) return null;
    distanceMs = near;
  }
  return { incident, matchedKeys, weakKeys, mentions: [], sharedTemplates, distanceMs };
}

/** Most shared strong keys first, then mentions, then weak keys, then most shared templates, then nearest, then oldest. */
export function rankCandidates(cands: Candidate[]): Candidate[] {
  return [...cands].sort(
    (a, b) =>
      b.matchedKeys.length - a.matchedKeys.length ||
      Number(!!b.rule) - Number(!!a.rule) ||
      Number(!!b.history) - Number(!!a.history) ||
      b.mentions.length - a.mentions.length ||
      b.weakKeys.length - a.weakKeys.length ||
      b.sharedTemplates.length - a.sharedTemplates.length ||
      a.distanceMs - b.distanceMs ||
      a.incident.startedAt - b.incident.startedAt ||
      a.incident.id.localeCompare(b.incident.id),
  );
}

export function membershipReason(c: Candidate | null, foundedKey: string | null): MembershipReason {
  if (!c) {
    return {
      matched_entities: foundedKey ? [foundedKey] : [],
      time_distance_s: 0,
      shared_templates: [],
      summary: foundedKey ? `First alert for ${foundedKey.replace(':', ' ')}` : 'First alert of this incident',
    };
  }
  const seconds = Math.round(c.distanceMs / 1000);
  const when = seconds === 0 ? 'during the incident' : `${seconds} s from the nearest related alert`;
  const what = c.matchedKeys.length
    ? `Same ${c.matchedKeys.map((k) => k.replace(':', ' ')).join(' and ')}`
    : c.history
      ? `Fired together before: ${c.history.keys[0].replace(':', ' ')} and ${c.history.keys[1].replace(':', ' ')} in "${c.history.title}" (${new Date(c.history.at).toISOString().slice(0, 16).replace('T', ' ')} UTC), started within moments`
      : c.rule
        ? `Grouped because ${c.rule.by} put ${c.rule.keyA.replace(':', ' ')} and ${c.rule.keyB.replace(':', ' ')} together`
        : c.cascade
          ? `A pod alert starting within moments of ${c.cascade.replace(':', ' ')} going down (same cluster)`
          : c.mentions.length
            ? `Its text names ${c.mentions.join(' and ')}, affected in this incident`
            : c.weakKeys.length
              ? `Related resource of the same ${c.weakKeys.map((k) => k.replace(':', ' ')).join(' and ')}, started within moments`
              : `Same log template${c.sharedTemplates.length > 1 ? 's' : ''} (no entity named)`;
  const tmpl =
    c.matchedKeys.length && c.sharedTemplates.length
      ? `, sharing ${c.sharedTemplates.length} log template${c.sharedTemplates.length > 1 ? 's' : ''}`
      : '';
  return {
    matched_entities: [
      ...c.matchedKeys,
      ...c.weakKeys,
      ...(c.cascade ? [c.cascade] : []),
      ...(c.rule ? [c.rule.keyA, c.rule.keyB] : []),
      ...(c.history ? c.history.keys : []),
    ],
    time_distance_s: seconds,
    shared_templates: c.sharedTemplates,
    summary: `${what}, ${when}${tmpl}`,
  };
}
