import { LabelMatcher, NotificationEvent, Severity, severityRank } from '@mozaic/contracts';
import { RE2JS } from 're2js';
import { IncidentLabels, matches } from './label-matcher';

/** A routing rule as the matcher needs it. */
export interface RouteRule {
  severityAtLeast: Severity | null;
  events: NotificationEvent[];
  matchers: LabelMatcher[];
  channelIds: string[];
  continueMatching: boolean;
  isDefault: boolean;
}

/** The change being routed. */
export interface RoutedChange {
  event: NotificationEvent;
  severity: Severity;
  labels: IncidentLabels;
}

/** Whether one rule matches a change (every condition holds). */
export function ruleMatches(rule: RouteRule, change: RoutedChange, cache?: Map<string, RE2JS>): boolean {
  if (rule.severityAtLeast && severityRank(change.severity) < severityRank(rule.severityAtLeast)) return false;
  if (rule.events.length > 0 && !rule.events.includes(change.event)) return false;
  return rule.matchers.every((m) => matches(m, change.labels, cache));
}

/**
 * The channels a change goes to, like Alertmanager's routing tree one level deep: rules in order,
 * a matching rule adds its channels and stops the walk unless it says `continue`; when no rule
 * matched, the default rule's channels (if it matches the change's severity and events). Each
 * channel once, in the order first reached.
 */
export function routeChange(rules: RouteRule[], change: RoutedChange): string[] {
  const cache = new Map<string, RE2JS>();
  const out = new Set<string>();
  let matched = false;
  for (const rule of rules) {
    if (rule.isDefault || !ruleMatches(rule, change, cache)) continue;
    matched = true;
    for (const id of rule.channelIds) out.add(id);
    if (!rule.continueMatching) break;
  }
  if (!matched) {
    const fallback = rules.find((r) => r.isDefault);
    if (fallback && ruleMatches(fallback, change, cache)) for (const id of fallback.channelIds) out.add(id);
  }
  return [...out];
}
