import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - Rate-limit counters shared by every api process (login, registration, connection tests).
 *   UNLOGGED: a counter lost in a crash costs nothing, and the table takes no WAL.
 * - A rotated refresh token keeps its successor (Fernet-encrypted) for a short grace period, so two
 *   tabs refreshing at once both get the same new token instead of tripping reuse detection.
 */
export class SecurityLimits1795600000000 implements MigrationInterface {
  name = 'SecurityLimits1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_limit_counters" ("key" character varying(300) NOT NULL, "count" integer NOT NULL, "reset_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_rate_limit_counters" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "successor_encrypted" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "successor_encrypted"`);
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
