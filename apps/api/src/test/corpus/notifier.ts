import { Labels } from './payloads';
import { MIN, StoryBuilder } from './story';

/** One alert's life: labels, when it fires and stops (epoch ms), and its true incident. */
export interface Episode {
  labels: Labels;
  annotations?: Record<string, string>;
  start: number;
  /** Undefined: still firing at the story's end. */
  end?: number;
  truth: string | null;
}

export interface Route {
  receiver: string;
  groupBy: string[];
  /** Which alerts this route takes (default: all). */
  match?: (labels: Labels) => boolean;
}

export interface NotifierOptions {
  source: 'alertmanager' | 'grafana';
  routes: Route[];
  groupWaitMs?: number;
  groupIntervalMs?: number;
  repeatIntervalMs?: number;
  /** Chance that an HA peer sends the same notification again a moment later. */
  haDoubleSend?: number;
  /** The Grafana folder of each alert (grafana only). */
  folder?: (labels: Labels) => string;
}

/**
 * What Alertmanager (or Grafana's built-in one) sends for a set of alert episodes: per route,
 * alerts grouped by its labels; a group's first notification after group_wait, changes at most
 * every group_interval, an unchanged firing group again after repeat_interval. Every notification
 * carries the whole group — firing alerts and those resolved since the last one — as the real one does.
 */
export function notify(story: StoryBuilder, episodes: Episode[], until: number, o: NotifierOptions): void {
  const wait = o.groupWaitMs ?? 30_000;
  const interval = o.groupIntervalMs ?? 5 * MIN;
  const repeat = o.repeatIntervalMs ?? 60 * MIN;
  for (const route of o.routes) {
    const groups = new Map<string, Episode[]>();
    for (const e of episodes) {
      if (route.match && !route.match(e.labels)) continue;
      const key = route.groupBy.map((k) => `${k}=${e.labels[k] ?? ''}`).join(',');
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const members of groups.values()) {
      let last = -Infinity;
      let lastSent = new Set<Episode>();
      let lastResolvedSent = new Set<Episode>();
      const first = Math.min(...members.map((m) => m.start));
      for (let t = first + wait; t <= until; t += 30_000) {
        const firing = members.filter((m) => m.start <= t && (m.end === undefined || m.end > t));
        const resolved = members.filter((m) => m.end !== undefined && m.end <= t && lastSent.has(m));
        const changed = firing.some((m) => !lastSent.has(m)) || resolved.some((m) => !lastResolvedSent.has(m));
        const due = changed ? t - last >= (last === -Infinity ? 0 : interval) : firing.length > 0 && t - last >= repeat;
        if (!due || (firing.length === 0 && resolved.length === 0)) continue;
        const alerts = [
          ...firing.map((m) => ({ labels: m.labels, annotations: m.annotations, startsAt: m.start, truth: m.truth })),
          ...resolved
            .filter((m) => !lastResolvedSent.has(m))
            .map((m) => ({
              labels: m.labels,
              annotations: m.annotations,
              startsAt: m.start,
              endsAt: m.end,
              truth: m.truth,
            })),
        ];
        if (alerts.length === 0) continue;
        const send = (at: number) =>
          o.source === 'alertmanager'
            ? story.alertmanager(at, route.receiver, route.groupBy, alerts)
            : story.grafana(at, o.folder?.(alerts[0].labels) ?? 'General', alerts);
        send(t);
        if (o.haDoubleSend && story.random() < o.haDoubleSend) send(t + 400);
        last = t;
        lastSent = new Set(firing);
        lastResolvedSent = new Set([...lastResolvedSent, ...resolved]);
        if (firing.length === 0) lastSent = new Set();
      }
    }
  }
}
