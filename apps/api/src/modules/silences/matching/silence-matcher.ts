import { AlertState } from '@mozaic/correlation';
import { LabelMatcher } from '@mozaic/contracts';
import { RE2JS } from 're2js';
import { matches } from '../../notifications/routing/label-matcher';

/** A silence as matching needs it. */
export interface ActiveSilence {
  id: string;
  matchers: LabelMatcher[];
  startsAt: number;
  endsAt: number;
}

/** pending before startsAt, active in [startsAt, endsAt), expired from endsAt on (Alertmanager's states). */
export function silenceState(s: { startsAt: number; endsAt: number }, at: number): 'pending' | 'active' | 'expired' {
  if (at >= s.endsAt) return 'expired';
  return at < s.startsAt ? 'pending' : 'active';
}

/**
 * What a silence's matchers see of an alert: the source's labels, MOZAIC's entities (service,
 * namespace, host, …), `alertname` (the source's name for it), `source` and `severity`. A label
 * the source sent wins over an entity of the same name.
 */
export function alertLabels(a: AlertState): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(a.entities)) if (v) out[k] = [v];
  for (const [k, v] of Object.entries(a.labels ?? {})) out[k] = [v];
  out['alertname'] ??= [a.label];
  out['source'] = [a.source];
  out['severity'] ??= [a.severity];
  return out;
}

/** The silences matching an alert at `at` (its occurrence time): every matcher holds, the silence is active. */
export function silencing(
  a: AlertState,
  silences: ActiveSilence[],
  at: number,
  cache = new Map<string, RE2JS>(),
): string[] {
  const labels = alertLabels(a);
  return silences
    .filter((s) => silenceState(s, at) === 'active' && s.matchers.every((m) => matches(m, labels, cache)))
    .map((s) => s.id);
}

/**
 * An incident is suppressed when all its firing members are silenced or inhibited (all members,
 * when none fires): it notifies nobody and is hidden from the list by default. Nothing is lost: its alerts
 * are stored and correlated as ever.
 */
export function suppressed(members: AlertState[]): boolean {
  const firing = members.filter((m) => m.status === 'firing');
  const considered = firing.length ? firing : members;
  return (
    considered.length > 0 &&
    considered.every((m) => (m.silencedBy?.length ?? 0) > 0 || (m.inhibitedBy?.length ?? 0) > 0)
  );
}
