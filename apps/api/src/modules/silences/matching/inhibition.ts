import { AlertState } from '@mozaic/correlation';
import { INHIBITION_PRESET_NAMES, InhibitionPreset, LabelMatcher } from '@mozaic/contracts';
import { RE2JS } from 're2js';
import { matches } from '../../notifications/routing/label-matcher';
import { alertLabels } from './silence-matcher';

/** A rule as matching needs it. */
export interface InhibitionRule {
  sourceMatchers: LabelMatcher[];
  targetMatchers: LabelMatcher[];
  equal: string[];
}

/** Ready-made rules a project can switch on. */
export const PRESETS: Record<InhibitionPreset, { name: string } & InhibitionRule> = {
  'node-down': {
    name: INHIBITION_PRESET_NAMES['node-down'],
    sourceMatchers: [{ name: 'alertname', op: '=~', value: 'NodeDown|KubeNodeNotReady|KubeNodeUnreachable|HostDown' }],
    // The target must name its node: a source without one then inhibits nothing ("" ≠ "node-1").
    targetMatchers: [
      { name: 'pod', op: '=~', value: '.+' },
      { name: 'node', op: '=~', value: '.+' },
    ],
    equal: ['node'],
  },
  'critical-over-warning': {
    name: INHIBITION_PRESET_NAMES['critical-over-warning'],
    sourceMatchers: [{ name: 'severity', op: '=', value: 'critical' }],
    targetMatchers: [{ name: 'severity', op: '=~', value: 'warning|medium|low' }],
    equal: ['alertname', 'service'],
  },
};

const value = (labels: Record<string, string[]>, k: string) => labels[k]?.[0] ?? '';

/**
 * The firing alerts that inhibit `target` (Alertmanager's rule: a source matching the source
 * matchers, the target matching the target matchers, equal values — a label both lack is equal —
 * and never the alert itself).
 */
export function inhibiting(
  target: AlertState,
  sources: AlertState[],
  rules: InhibitionRule[],
  cache = new Map<string, RE2JS>(),
): string[] {
  if (target.status !== 'firing' || rules.length === 0) return [];
  const t = alertLabels(target);
  const out = new Set<string>();
  for (const rule of rules) {
    if (!rule.targetMatchers.every((m) => matches(m, t, cache))) continue;
    for (const source of sources) {
      if (source.id === target.id || source.status !== 'firing') continue;
      const s = alertLabels(source);
      if (!rule.sourceMatchers.every((m) => matches(m, s, cache))) continue;
      if (rule.equal.every((k) => value(s, k) === value(t, k))) out.add(source.id);
    }
  }
  return [...out].sort();
}
