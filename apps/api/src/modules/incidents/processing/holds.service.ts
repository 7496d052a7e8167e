import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IncidentMemberResponse } from '../dto/incident.response';

const time = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Says, for each member alert, what keeps it quiet, in words a person reads in the explanation:
 * `silenced by "db upgrade" (alice, until 2026-12-01 14:00 UTC)`, `during maintenance window
 * "nightly db work"`, `inhibited by KubeNodeNotReady`.
 */
@Injectable()
export class Holds {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async describe(projectId: string, members: IncidentMemberResponse[]): Promise<void> {
    const held = [...new Set(members.flatMap((m) => m.silenced_by))];
    const inhibitors = [...new Set(members.flatMap((m) => m.inhibited_by))];
    if (held.length === 0 && inhibitors.length === 0) {
      for (const m of members) m.held_because = [];
      return;
    }
    const [silences, windows, alerts] = await Promise.all([
      held.length
        ? this.db.query(
            'SELECT id, comment, created_by, ends_at FROM silences WHERE project_id = $1 AND id = ANY($2)',
            [projectId, held],
          )
        : [],
      held.length
        ? this.db.query('SELECT id, name FROM maintenance_windows WHERE project_id = $1 AND id = ANY($2)', [
            projectId,
            held,
          ])
        : [],
      inhibitors.length
        ? this.db.query('SELECT id, label FROM alerts WHERE project_id = $1 AND id = ANY($2)', [projectId, inhibitors])
        : [],
    ]);
    const says = new Map<string, string>();
    for (const s of silences as Array<{ id: string; comment: string; created_by: string; ends_at: Date }>)
      says.set(s.id, `silenced by "${s.comment || 'no comment'}" (${s.created_by}, until ${time(s.ends_at)})`);
    for (const w of windows as Array<{ id: string; name: string }>)
      says.set(w.id, `during maintenance window "${w.name}"`);
    for (const a of alerts as Array<{ id: string; label: string }>) says.set(a.id, `inhibited by ${a.label}`);
    for (const m of members)
      m.held_because = [...m.silenced_by, ...m.inhibited_by].map((id) => says.get(id) ?? `held by ${id}`);
  }
}
