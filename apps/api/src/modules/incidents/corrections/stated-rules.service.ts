import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StatedRelation {
  keyA: string;
  keyB: string;
  why: string;
}

/**
 * Dependencies a source states (Kubernetes Services and Ingresses) kept as project rules
 * (together), refreshed on every collection. A rule a person made is never overwritten by one.
 */
@Injectable()
export class StatedRules {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(projectId: string, relations: StatedRelation[]): Promise<void> {
    if (relations.length === 0) return;
    const rows = relations.slice(0, 1000).map((r) => {
      const [a, b] = [r.keyA.slice(0, 500), r.keyB.slice(0, 500)].sort();
      return { a, b, why: r.why.slice(0, 400) };
    });
    await this.db.query(
      `INSERT INTO correlation_rules (project_id, key_a, key_b, relation, learned_from)
       SELECT $1, a, b, 'together', why FROM unnest($2::text[], $3::text[], $4::text[]) AS r(a, b, why)
       ON CONFLICT (project_id, key_a, key_b) DO UPDATE SET learned_from = EXCLUDED.learned_from
         WHERE correlation_rules.correction_id IS NULL AND correlation_rules.learned_from LIKE 'Kubernetes %'`,
      [projectId, rows.map((r) => r.a), rows.map((r) => r.b), rows.map((r) => r.why)],
    );
  }
}
