import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { v7 as uuidV7 } from 'uuid';

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

/** Rows per INSERT; each size has its own prepared statement (7 parameters a row). */
const MAX_BATCH = 64;
const COLUMNS = 7;

/** `INSERT … VALUES` for n rows, prepared once per connection and size. */
function insertStatement(n: number): { name: string; text: string } {
  const values = Array.from({ length: n }, (_, i) => {
    const p = i * COLUMNS;
    return `($${p + 1}::uuid, $${p + 2}::uuid, $${p + 3}::text, $${p + 4}::text, $${p + 5}::text, $${p + 6}::jsonb, $${p + 7}::text)`;
  });
  return {
    name: `mozaic_store_deliveries_${n}`,
    text: `INSERT INTO inbound_events (id, project_id, source, kind, dedup_key, headers, body) VALUES ${values.join(', ')}
           ON CONFLICT (project_id, source, dedup_key) DO NOTHING RETURNING id`,
  };
}
const STATEMENTS = Array.from({ length: MAX_BATCH + 1 }, (_, n) => (n ? insertStatement(n) : null));

/**
 * Group commit for the webhook intake: the deliveries that arrive while an INSERT is in flight are
 * written together by the next, so under load one round trip (and one WAL flush) acknowledges many
 * deliveries, and a lone delivery still goes out at once. Ids are time-ordered (UUIDv7) and made
 * here, so the statement returns only the ids it inserted; a redelivery (its key already stored) is
 * looked up afterwards. Statements are prepared per batch size. Each caller gets its own result
 * only after its row is committed; if a batch fails, its rows are written one by one, so one bad
 * row (or a database outage) fails only the deliveries it concerns.
 */
@Injectable()
export class DeliveryWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  /**
   * One INSERT at a time, so that what arrives meanwhile makes the next one large (measured: a
   * second concurrent statement halves the batches and lowers the rate); a second one only when a
   * full batch is already waiting.
   */
  private readonly maxInFlight = 2;
  private readonly pool: Pool;

  constructor(@InjectDataSource() db: DataSource) {
    // TypeORM's own pg pool: named (prepared) statements need the driver itself.
    this.pool = (db.driver as unknown as { master: Pool }).master;
  }

  write(row: DeliveryRow): Promise<StoredRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (
      this.queue.length > 0 &&
      (this.inFlight === 0 || (this.inFlight < this.maxInFlight && this.queue.length >= MAX_BATCH))
    ) {
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

  private async insertRows(rows: DeliveryRow[]): Promise<StoredRow[]> {
    const ids = rows.map(() => uuidV7());
    const values: unknown[] = [];
    rows.forEach((r, i) => values.push(ids[i], r.projectId, r.source, r.kind, r.dedupKey, r.headers, r.body));
    const statement = STATEMENTS[rows.length] as { name: string; text: string };
    const inserted = await this.pool.query<{ id: string }>({ ...statement, values });
    const created = new Set(inserted.rows.map((r) => r.id));
    if (created.size === rows.length) return ids.map((id) => ({ id, created: true }));

    // Redeliveries: the stored row's id, by key (a key twice in this batch: the first one created it).
    const byKey = new Map<string, StoredRow>();
    rows.forEach((r, i) => {
      const key = keyOf(r.projectId, r.source, r.dedupKey);
      if (created.has(ids[i]) && !byKey.has(key)) byKey.set(key, { id: ids[i], created: true });
    });
    return Promise.all(
      rows.map(async (r, i): Promise<StoredRow> => {
        if (created.has(ids[i])) return { id: ids[i], created: true };
        const mine = byKey.get(keyOf(r.projectId, r.source, r.dedupKey));
        if (mine) return { id: mine.id, created: false };
        const found = await this.pool.query<{ id: string }>({
          name: 'mozaic_find_delivery',
          text: 'SELECT id FROM inbound_events WHERE project_id = $1 AND source = $2 AND dedup_key = $3',
          values: [r.projectId, r.source, r.dedupKey],
        });
        if (!found.rows.length) throw new Error('delivery row neither inserted nor found');
        return { id: found.rows[0].id, created: false };
      }),
    );
  }
}
