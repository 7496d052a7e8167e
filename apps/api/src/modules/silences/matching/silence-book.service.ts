import { Injectable } from '@nestjs/common';
import { AlertState } from '@mozaic/correlation';
import { LabelMatcher } from '@mozaic/contracts';
import { RE2JS } from 're2js';
import { EntityManager } from 'typeorm';
import { AlertEntity } from '../../incidents/entities/alert.entity';
import { alertFromRow } from '../../incidents/processing/correlation-rows';
import { occurrences, WindowSpec } from '../maintenance/window-schedule';
import { InhibitionRule, inhibiting } from './inhibition';
import { ActiveSilence, silencing } from './silence-matcher';

/** The most firing alerts read as possible inhibition sources. */
const MAX_SOURCES = 5000;

/** What may hold a project's alerts, as read in one statement. */
interface Holders {
  silences: Array<{ id: string; matchers: LabelMatcher[]; starts_at: string; ends_at: string }>;
  windows: Array<WindowSpec & { id: string; matchers: LabelMatcher[] }>;
  rules: InhibitionRule[];
}

/**
 * Decides, in a correlation transaction, which silences, maintenance windows and inhibition rules
 * hold each changed alert — at the alert's latest occurrence, so a replay decides as live did. It
 * runs with every ingest batch: one statement reads all three (and the firing alerts only when the
 * project has inhibition rules).
 */
@Injectable()
export class SilenceBook {
  /**
   * Sets `silencedBy` and `inhibitedBy` on each alert, judged at `at(alert)`: its latest occurrence
   * when a signal arrives, now when time moved past a silence's or window's start or end. Silences
   * are those not ended at the earliest such time (a pending one may start before an occurrence),
   * and each occurrence of a maintenance window (its id stands in `silenced_by`). Returns the alerts
   * whose holds changed.
   */
  async apply(
    m: EntityManager,
    projectId: string,
    alerts: AlertState[],
    at: (a: AlertState) => number = (a) => a.lastSeen,
  ): Promise<AlertState[]> {
    if (alerts.length === 0) return [];
    const times = alerts.map(at);
    const since = Math.min(...times);
    const until = Math.max(...times);
    const holders = await this.holders(m, projectId, since);
    const silences: ActiveSilence[] = [
      ...holders.silences.map((s) => ({
        id: s.id,
        matchers: s.matchers,
        startsAt: Date.parse(s.starts_at),
        endsAt: Date.parse(s.ends_at),
      })),
      ...holders.windows.flatMap((w) =>
        occurrences(w, since, until).map(([startsAt, endsAt]) => ({
          id: w.id,
          matchers: w.matchers,
          startsAt,
          endsAt,
        })),
      ),
    ];
    const { rules } = holders;
    const sources = rules.length ? await this.sources(m, projectId, alerts) : [];
    const cache = new Map<string, RE2JS>();
    const changed: AlertState[] = [];
    for (const a of alerts) {
      const silenced = silences.length ? [...new Set(silencing(a, silences, at(a), cache))] : [];
      const inhibited = rules.length ? inhibiting(a, sources, rules, cache) : [];
      if ((a.silencedBy ?? []).join() !== silenced.join() || (a.inhibitedBy ?? []).join() !== inhibited.join())
        changed.push(a);
      a.silencedBy = silenced;
      a.inhibitedBy = inhibited;
    }
    return changed;
  }

  private async holders(m: EntityManager, projectId: string, since: number): Promise<Holders> {
    const [row]: Holders[] = await m.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('id', id, 'matchers', matchers, 'starts_at', starts_at, 'ends_at', ends_at)), '[]')
          FROM silences WHERE project_id = $1 AND ends_at > $2) AS silences,
         (SELECT coalesce(json_agg(json_build_object('id', id, 'matchers', matchers, 'startLocal', start_local,
                  'timezone', timezone, 'durationMinutes', duration_minutes, 'rrule', rrule)), '[]')
          FROM maintenance_windows WHERE project_id = $1) AS windows,
         (SELECT coalesce(json_agg(json_build_object('sourceMatchers', source_matchers, 'targetMatchers', target_matchers,
                  'equal', equal)), '[]')
          FROM inhibition_rules WHERE project_id = $1) AS rules`,
      [projectId, new Date(since)],
    );
    return row;
  }

  /** The firing alerts that may inhibit: the stored ones, with those of this transaction in their newer state. */
  private async sources(m: EntityManager, projectId: string, current: AlertState[]): Promise<AlertState[]> {
    const stored = await m.find(AlertEntity, { where: { projectId, status: 'firing' }, take: MAX_SOURCES });
    const byId = new Map(stored.map((r) => [r.id, alertFromRow(r)]));
    for (const a of current) byId.set(a.id, a);
    return [...byId.values()].filter((a) => a.status === 'firing');
  }
}
