import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

export interface BulkWriteOptions {
  /** Columns (property names) of the unique key that decides "already there". */
  conflict: string[];
  /** On a conflict: update the given columns (`update`) or keep the stored row (`ignore`). */
  onConflict: 'update' | 'ignore';
}

/**
 * Inserts (or upserts) many rows in one statement with a single parameter: the rows travel as one
 * JSON array that PostgreSQL unpacks with jsonb_to_recordset. Per row this costs a fraction of
 * TypeORM's upsert (which builds one placeholder per value), which matters on the ingest hot path.
 * Rows must all carry the same properties; the entity's metadata gives column names and types.
 */
export async function bulkWrite<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  rows: Array<Partial<T>>,
  options: BulkWriteOptions,
): Promise<void> {
  if (rows.length === 0) return;
  const meta = m.connection.getMetadata(entity);
  const props = Object.keys(rows[0]);
  const columns = props.map((p) => {
    const c = meta.findColumnWithPropertyName(p);
    if (!c) throw new Error(`${meta.tableName} has no column for ${p}`);
    return c;
  });
  const q = (name: string) => `"${name}"`;
  const names = columns.map((c) => q(c.databaseName));
  const record = columns.map((c) => `${q(c.databaseName)} ${sqlType(m, c)}`).join(', ');
  const conflict = options.conflict.map((p) => {
    const c = meta.findColumnWithPropertyName(p);
    if (!c) throw new Error(`${meta.tableName} has no column for ${p}`);
    return q(c.databaseName);
  });
  let action = 'DO NOTHING';
  if (options.onConflict === 'update') {
    const sets = names.filter((n) => !conflict.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
    if (meta.updateDateColumn) sets.push(`${q(meta.updateDateColumn.databaseName)} = now()`);
    action = `DO UPDATE SET ${sets.join(', ')}`;
  }
  // jsonb_to_recordset matches JSON keys to the record's column names.
  const payload = JSON.stringify(
    rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.databaseName, r[props[i] as keyof T] ?? null]))),
  );
  await m.query(
    `INSERT INTO ${q(meta.tableName)} (${names.join(', ')})
     SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record})
     ON CONFLICT (${conflict.join(', ')}) ${action}`,
    [payload],
  );
}

/** The SQL type of a column as jsonb_to_recordset must be told it. */
function sqlType(m: EntityManager, c: ColumnMetadata): string {
  const base = m.connection.driver.normalizeType(c);
  const withLength = c.length && /char/.test(base) ? `${base}(${c.length})` : base;
  return c.isArray ? `${withLength}[]` : withLength;
}
