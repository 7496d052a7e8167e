import { Injectable } from '@nestjs/common';
import { DEFAULT_MINER_OPTIONS, TemplateMiner } from '@mozaic/correlation';
import { EntityManager } from 'typeorm';
import { bulkWrite } from '../../../database/bulk-write';
import { LogTemplateEntity } from '../entities/log-template.entity';

/** Loads a project's template miner from log_templates and writes back the clusters a batch touched. */
@Injectable()
export class TemplateStore {
  async load(m: EntityManager, projectId: string): Promise<TemplateMiner> {
    const rows = await m.find(LogTemplateEntity, { where: { projectId } });
    const nextId = rows.reduce((max, r) => Math.max(max, r.clusterId), 0) + 1;
    return TemplateMiner.fromJSON({
      version: 1,
      nextId,
      options: DEFAULT_MINER_OPTIONS,
      clusters: rows.map((r) => ({
        id: r.clusterId,
        tokens: r.template.split(' '),
        runs: r.runs ?? undefined,
        count: r.count,
        firstSeen: r.firstSeen.getTime(),
        lastSeen: r.lastSeen.getTime(),
        examples: r.examples,
      })),
    });
  }

  async save(m: EntityManager, projectId: string, miner: TemplateMiner, touched: Iterable<number>): Promise<void> {
    const rows = [...new Set(touched)]
      .map((id) => miner.cluster(id))
      .filter((c): c is NonNullable<typeof c> => c !== undefined)
      .map((c) => ({
        projectId,
        clusterId: c.id,
        template: c.tokens.join(' '),
        runs: c.runs ?? null,
        count: c.count,
        firstSeen: new Date(c.firstSeen),
        lastSeen: new Date(c.lastSeen),
        examples: c.examples.map((e) => e.slice(0, 1000)),
      }));
    await bulkWrite(m, LogTemplateEntity, rows, { conflict: ['projectId', 'clusterId'], onConflict: 'update' });
  }
}
