import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trigram index for the incident list's title search (ILIKE '%term%'). Written by hand: TypeORM
 * entities cannot declare an index with an operator class.
 */
export class IncidentTitleSearch1795570400000 implements MigrationInterface {
  name = 'IncidentTitleSearch1795570400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "ix_incidents_title_trgm" ON "incidents" USING gin ("title" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_incidents_title_trgm"`);
  }
}
