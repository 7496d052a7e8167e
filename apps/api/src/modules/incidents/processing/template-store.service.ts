import { Injectable } from '@nestjs/common';
import { DEFAULT_MINER_OPTIONS, TemplateCluster, TemplateMiner } from '@mozaic/correlation';
import { EntityManager } from 'typeorm';
import { bulkWrite } from '../../../database/bulk-write';
import { LogTemplateFamilyEntity } from '../entities/log-template-family.entity';
import { LogTemplateEntity } from '../entities/log-template.entity';

/**
 * Loads a project's template miner from log_templates (with its word-variant families and the
 * aliases of merged templates) and writes back what a batch changed.
 */
@Injectable()
export class TemplateStore {
  async load(m: EntityManager, projectId: string): Promise<TemplateMiner> {
    const [rows, families] = await Promise.all([
      m.find(LogTemplateEntity, { where: { projectId } }),
      m.find(LogTemplateFamilyEntity, { where: { projectId } }),
    ]);
    const nextId = rows.reduce((max, r) => Math.max(max, r.clusterId), 0) + 1;
    const live = rows.filter((r) => r.mergedInto === null);
    return TemplateMiner.fromJSON({
      version: 1,
      nextId,
      options: DEFAULT_MINER_OPTIONS,
      clusters: live.map((r) => ({
        id: r.clusterId,
        tokens: r.template.split(' '),
        runs: r.runs ?? undefined,
        count: r.count,
        firstSeen: r.firstSeen.getTime(),
        lastSeen: r.lastSeen.getTime(),
        examples: r.examples,
        family: r.family ?? undefined,
      })),
      families: families.map((f) => ({
        id: f.familyId,
        members: live.filter((r) => r.family === f.familyId).map((r) => r.clusterId),
        variable: f.variable,
        values: f.values,
      })),
      aliases: rows.filter((r) => r.mergedInto !== null).map((r) => [r.clusterId, r.mergedInto as number]),
    });
  }

  async save(m: EntityManager, projectId: string, miner: TemplateMiner, touched: Iterable<number>): Promise<void> {
    const { families, merged } = miner.takeChanges();
    // A family's members changed with it (the first learns it has a family when a sibling appears).
    const ids = [...touched, ...families.flatMap((f) => f.members)].map((id) => miner.resolve(id));
    const live = [...new Set(ids)]
      .map((id) => miner.cluster(id))
      .filter((c): c is TemplateCluster => c !== undefined)
      .map((c) => row(projectId, c, null));
    // A merged template keeps its row, pointing at the one it became (its id is in alerts and incidents).
    const aliases = merged.flatMap(([id, into]) => {
      const c = miner.cluster(into);
      return c ? [row(projectId, { ...c, id }, miner.resolve(into))] : [];
    });
    await bulkWrite(m, LogTemplateEntity, [...live, ...aliases], {
      conflict: ['projectId', 'clusterId'],
      onConflict: 'update',
    });
    await bulkWrite(
      m,
      LogTemplateFamilyEntity,
      families.map((f) => ({ projectId, familyId: f.id, variable: f.variable, values: f.values })),
      { conflict: ['projectId', 'familyId'], onConflict: 'update' },
    );
  }
}

function row(projectId: string, c: TemplateCluster, mergedInto: number | null) {
  return {
    projectId,
    clusterId: c.id,
    template: c.tokens.join(' '),
    runs: c.runs ?? null,
    count: c.count,
    firstSeen: new Date(c.firstSeen),
    lastSeen: new Date(c.lastSeen),
    examples: c.examples.map((e) => e.slice(0, 1000)),
    family: c.family ?? null,
    mergedInto,
  };
}
