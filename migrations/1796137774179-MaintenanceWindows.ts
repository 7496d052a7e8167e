import { MigrationInterface, QueryRunner } from 'typeorm';

export class MaintenanceWindows1796137774179 implements MigrationInterface {
  name = 'MaintenanceWindows1796137774179';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "maintenance_windows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "matchers" jsonb NOT NULL, "start_local" character varying(16) NOT NULL, "timezone" character varying(64) NOT NULL, "duration_minutes" integer NOT NULL, "rrule" character varying(500), "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c939ec0e19687a7d64b5e357d28" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_maintenance_windows_project" ON "maintenance_windows" ("project_id") `);
    await queryRunner.query(
      `ALTER TABLE "maintenance_windows" ADD CONSTRAINT "FK_2e52fbfc58455c65f34ed04ca64" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "maintenance_windows" DROP CONSTRAINT "FK_2e52fbfc58455c65f34ed04ca64"`);
    await queryRunner.query(`DROP INDEX "public"."ix_maintenance_windows_project"`);
    await queryRunner.query(`DROP TABLE "maintenance_windows"`);
  }
}
