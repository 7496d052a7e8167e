import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One verified delivery to store. */
export interface DeliveryRow {
  projectId: string;
  source: string;
  kind: string | null;
  dedupKey: string;
  headers: Record<string, string>;
  body: string;
}

/** The stored row's id, and whether this delivery created it (false: a redelivery of a stored one). */
export interface StoredRow {
  id: string;
  created: boolean;
}

interface Pending {
  row: DeliveryRow;
  resolve: (r: StoredRow) => void;
  reject: (e: unknown) => void;
}

const keyOf = (projectId: string, source: string, dedupKey: string) => `${projectId}\u0000${source}\u0000${dedupKey}`;

/** Upper bound of rows per INSERT (6 parameters each, well under PostgreSQL's 65,535). */
const MAX_BATCH = 500;

/**
 * Group commit for the webhook intake: the deliveries that arrive while one INSERT is in flight are
 * written together by the next, so under load a single round trip (and one WAL flush) acknowledges
 * hundreds of deliveries, and a lone delivery still goes out at once. Each caller gets its own
 * result only after its row is committed. If a batch fails, its rows are written one by one, so one
 * bad row (or a database outage) fails only the deliveries it concerns.
 */
@Injectable()
export class DeliveryWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** Concurrent INSERTs: one fills while another commits. */
  private readonly maxInFlight = 2;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  write(row: DeliveryRow): Promise<StoredRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.insert(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async insert(batch: Pending[]): Promise<void> {
    try {
      const results = await this.insertRows(batch.map((p) => p.row));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (e) {
      if (batch.length === 1) {
        batch[0].reject(e);
        return;
      }
      for (const p of batch) {
        await this.insertRows([p.row]).then(
          ([r]) => p.resolve(r),
          (err: unknown) => p.reject(err),
        );
      }
    }
  }

  /** One statement: new rows come back from RETURNING, redeliveries are looked up by their key. */
  private async insertRows(rows: DeliveryRow[]): Promise<StoredRow[]> {
    const params: unknown[] = [];
    const values = rows.map((r) => {
      const at = params.length;
      params.push(r.projectId, r.source, r.kind, r.dedupKey, r.headers, r.body);
      return `($${at + 1}::uuid, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::jsonb, $${at + 6}::text)`;
    });
    const out: Array<{ id: string; project_id: string; source: string; dedup_key: string; created: boolean }> =
      await this.db.query(
        `WITH input (project_id, source, kind, dedup_key, headers, body) AS (VALUES ${values.join(', ')}),
         ins AS (
           INSERT INTO inbound_events (project_id, source, kind, dedup_key, headers, body)
           SELECT project_id, source, kind, dedup_key, headers, body FROM input
           ON CONFLICT (project_id, source, dedup_key) DO NOTHING
           RETURNING id, project_id, source, dedup_key
         )
         SELECT id, project_id, source, dedup_key, true AS created FROM ins
         UNION ALL
         SELECT e.id, e.project_id, e.source, e.dedup_key, false AS created
           FROM inbound_events e JOIN input i USING (project_id, source, dedup_key)`,
        params,
      );
    // A row inserted by this statement is invisible to its own SELECT: "created" rows win.
    const byKey = new Map<string, StoredRow>();
    for (const r of out) {
      const key = keyOf(r.project_id, r.source, r.dedup_key);
      if (r.created || !byKey.has(key)) byKey.set(key, { id: r.id, created: r.created });
    }
    // A concurrent statement committed the same key after this one's snapshot: read it now.
    const missing = rows.filter((r) => !byKey.has(keyOf(r.projectId, r.source, r.dedupKey)));
    for (const r of missing) {
      const found: Array<{ id: string }> = await this.db.query(
        'SELECT id FROM inbound_events WHERE project_id = $1 AND source = $2 AND dedup_key = $3',
        [r.projectId, r.source, r.dedupKey],
      );
      if (!found.length) throw new Error('delivery row neither inserted nor found');
      byKey.set(keyOf(r.projectId, r.source, r.dedupKey), { id: found[0].id, created: false });
    }
    const seen = new Set<string>();
    return rows.map((r) => {
      const key = keyOf(r.projectId, r.source, r.dedupKey);
      const found = byKey.get(key) as StoredRow;
      // The same delivery twice in one batch: the first created it, the second is its redelivery.
      const created = found.created && !seen.has(key);
      seen.add(key);
      return { id: found.id, created };
    });
  }
}
