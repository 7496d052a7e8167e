import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the webhook hot path:
 * - stored bodies (several kB: a Sentry event is ~9 kB) are compressed with lz4 instead of pglz,
 *   which was the largest part of each INSERT (skipped on a server built without lz4);
 * - a worker's batch reads the pending deliveries of a project from its own delivery's id onwards
 *   (ids are time-ordered), so it does not wade through the entries processed rows leave behind.
 */
export class IngestHotPath1795591200000 implements MigrationInterface {
  name = 'IngestHotPath1795591200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_events_pending_project" ON "inbound_events" ("project_id", "id") WHERE status = 'pending'`,
    );
    const lz4: unknown[] = await queryRunner.query(
      `SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)`,
    );
    if (!lz4.length) return;
    await queryRunner.query(`ALTER TABLE "inbound_events" ALTER COLUMN "body" SET COMPRESSION lz4`);
    await queryRunner.query(`ALTER TABLE "inbound_events" ALTER COLUMN "headers" SET COMPRESSION lz4`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_events" ALTER COLUMN "body" SET COMPRESSION DEFAULT`);
    await queryRunner.query(`ALTER TABLE "inbound_events" ALTER COLUMN "headers" SET COMPRESSION DEFAULT`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_events_pending_project"`);
  }
}
