import { templateText } from '@mozaic/correlation';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { LogTemplateResponse } from './dto/incident.response';
import { IncidentEntity } from './entities/incident.entity';
import { LogTemplateEntity } from './entities/log-template.entity';

/** Reads an incident's log templates; a template merged into another is shown as that one. */
@Injectable()
export class IncidentTemplates {
  constructor(@InjectRepository(LogTemplateEntity) private readonly templates: Repository<LogTemplateEntity>) {}

  /** The log templates the incident's members showed, most frequent first. */
  async of(incident: IncidentEntity): Promise<LogTemplateResponse[]> {
    const perAlert = incident.correlationData.templates ?? {};
    const ids = Object.keys(perAlert)
      .map((t) => Number(t.slice(1)))
      .filter((n) => Number.isInteger(n));
    if (ids.length === 0) return [];
    const byId = new Map<number, LogTemplateEntity>();
    // A merged template's row names the one it became (a chain, when that one merged again).
    for (let want = ids, hops = 0; want.length > 0 && hops < 8; hops++) {
      const rows = await this.templates.find({ where: { projectId: incident.projectId, clusterId: In(want) } });
      for (const r of rows) byId.set(r.clusterId, r);
      want = rows.flatMap((r) => (r.mergedInto !== null && !byId.has(r.mergedInto) ? [r.mergedInto] : []));
    }
    const current = (id: number) => {
      let r = byId.get(id);
      for (let hops = 0; r?.mergedInto != null && hops < 8; hops++) r = byId.get(r.mergedInto);
      return r?.mergedInto == null ? r : undefined;
    };
    const alerts = new Map<LogTemplateEntity, number>();
    for (const id of ids) {
      const r = current(id);
      if (r) alerts.set(r, (alerts.get(r) ?? 0) + (perAlert[`t${id}`] ?? 0));
    }
    return [...alerts]
      .map(([r, n]) => ({
        id: `t${r.clusterId}`,
        template: templateText({ tokens: r.template.split(' '), runs: r.runs ?? undefined }),
        count: r.count,
        alerts: n,
        examples: r.examples,
        first_seen: r.firstSeen.toISOString(),
        last_seen: r.lastSeen.toISOString(),
      }))
      .sort((a, b) => b.alerts - a.alerts || b.count - a.count);
  }
}
