import { MembershipReason } from '@mozaic/contracts';
import { contextsConflict } from '../entities/entities';
import { AlertState, IncidentState } from './model';

export interface Candidate {
  incident: IncidentState;
  matchedKeys: string[];
  sharedTemplates: string[];
  /** Distance from the alert to the nearest span of a matched key (or member, for templates), ms. */
  distanceMs: number;
}

function spanDistance(t: number, [first, last]: [number, number]): number {
  return t < first ? first - t : t > last ? t - last : 0;
}

/**
 * Whether an open incident can take the alert, and on what evidence: a strong entity key shared
 * with members within the window and no conflicting context; or, for an alert that names no
 * entity at all, a log template shared with the incident within the window.
 */
export function candidateFor(
  alert: AlertState,
  at: number,
  incident: IncidentState,
  windowMs: number,
  /** Keys of members still firing: their activity reaches up to now. */
  activeKeys: Set<string> = new Set(),
): Candidate | null {
  if (incident.status === 'resolved' || incident.mergedInto) return null;
  if (contextsConflict(alert.context, incident.context)) return null;
  const matchedKeys: string[] = [];
  let distanceMs = Infinity;
  for (const k of alert.keys) {
    const span = incident.keySpans[k];
    if (!span) continue;
    const d = activeKeys.has(k) ? Math.max(0, span[0] - at) : spanDistance(at, span);
    if (d <= windowMs) {
      matchedKeys.push(k);
      distanceMs = Math.min(distanceMs, d);
    }
  }
  const sharedTemplates = alert.templates.filter((t) => (incident.templates[t] ?? 0) > 0);
  if (matchedKeys.length === 0) {
    const near = activeKeys.size > 0 ? Math.max(0, incident.startedAt - at) : spanDistance(at, [incident.startedAt, incident.lastSeen]);
    if (alert.keys.length > 0 || sharedTemplates.length === 0 || near > windowMs) return null;
    distanceMs = near;
  }
  return { incident, matchedKeys, sharedTemplates, distanceMs };
}

/** Most shared keys first, then most shared templates, then nearest, then oldest. */
export function rankCandidates(cands: Candidate[]): Candidate[] {
  return [...cands].sort(
    (a, b) =>
      b.matchedKeys.length - a.matchedKeys.length ||
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
    : `Same log template${c.sharedTemplates.length > 1 ? 's' : ''} (no entity named)`;
  const tmpl =
    c.matchedKeys.length && c.sharedTemplates.length
      ? `, sharing ${c.sharedTemplates.length} log template${c.sharedTemplates.length > 1 ? 's' : ''}`
      : '';
  return {
    matched_entities: c.matchedKeys,
    time_distance_s: seconds,
    shared_templates: c.sharedTemplates,
    summary: `${what}, ${when}${tmpl}`,
  };
}
