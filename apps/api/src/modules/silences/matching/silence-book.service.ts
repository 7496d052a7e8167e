import { Injectable } from '@nestjs/common';
import { AlertState } from '@mozaic/correlation';
import { LabelMatcher } from '@mozaic/contracts';
import { RE2JS } from 're2js';
import { EntityManager } from 'typeorm';
import { ActiveSilence, silencing } from './silence-matcher';
import { MaintenanceWindowEntity } from '../entities/maintenance-window.entity';
import { occurrences } from '../maintenance/window-schedule';
import { InhibitionRuleEntity } from '../entities/inhibition-rule.entity';
import { AlertEntity } from '../../incidents/entities/alert.entity';
import { alertFromRow } from '../../incidents/processing/correlation-rows';
import { inhibiting } from './inhibition';

/** The most firing alerts read as possible inhibition sources. */
const MAX_SOURCES = 5000;

/**
 * Decides, in a correlation transaction, which silences hold each changed alert — at the alert's
 * latest occurrence, so a replay decides as live did.
 */
@Injectable()
export class SilenceBook {
  /**
   * Silences of the project not yet ended at `since` (a pending one may start before an
   * occurrence), and each occurrence of its maintenance windows in [since, until] — a window
   * behaves as a silence during its occurrences (its id stands in `silenced_by`).
   */
  async load(m: EntityManager, projectId: string, since: number, until = since): Promise<ActiveSilence[]> {
    const rows: Array<{ id: string; matchers: LabelMatcher[]; starts_at: Date; ends_at: Date }> = await m.query(
      'SELECT id, matchers, starts_at, ends_at FROM silences WHERE project_id = $1 AND ends_at > $2',
      [projectId, new Date(since)],
    );
    const windows = await m.find(MaintenanceWindowEntity, { where: { projectId } });
    return [
      ...rows.map((r) => ({
        id: r.id,
        matchers: r.matchers,
        startsAt: r.starts_at.getTime(),
        endsAt: r.ends_at.getTime(),
      })),
      ...windows.flatMap((w) =>
        occurrences(w, since, until).map(([startsAt, endsAt]) => ({
          id: w.id,
          matchers: w.matchers,
          startsAt,
          endsAt,
        })),
      ),
    ];
  }

  /**
   * Sets `silencedBy` on each alert, judged at `at(alert)`: its latest occurrence when a signal
   * arrives (so a replay decides as live did), now when time moved past a silence's start or end.
   * Returns the alerts whose silences changed.
   */
  async apply(
    m: EntityManager,
    projectId: string,
    alerts: AlertState[],
    at: (a: AlertState) => number = (a) => a.lastSeen,
  ): Promise<AlertState[]> {
    if (alerts.length === 0) return [];
    const times = alerts.map(at);
    const silences = await this.load(m, projectId, Math.min(...times), Math.max(...times));
    const cache = new Map<string, RE2JS>();
    const { rules, sources } = await this.inhibitors(m, projectId, alerts);
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

  /**
   * The project's inhibition rules and the firing alerts that may inhibit (the stored ones, with
   * those of this transaction in their newer state). Nothing is read beyond the rules when there are none.
   */
  private async inhibitors(m: EntityManager, projectId: string, current: AlertState[]) {
    const rules = await m.find(InhibitionRuleEntity, { where: { projectId } });
    if (rules.length === 0) return { rules, sources: [] as AlertState[] };
    const stored = await m.find(AlertEntity, { where: { projectId, status: 'firing' }, take: MAX_SOURCES });
    const byId = new Map(stored.map((r) => [r.id, alertFromRow(r)]));
    for (const a of current) byId.set(a.id, a);
    return { rules, sources: [...byId.values()].filter((a) => a.status === 'firing') };
  }
}
