import { MigrationInterface, QueryRunner } from 'typeorm';

export class Correlation1795572077731 implements MigrationInterface {
  name = 'Correlation1795572077731';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "log_templates" ("project_id" uuid NOT NULL, "cluster_id" integer NOT NULL, "template" text NOT NULL, "count" integer NOT NULL DEFAULT '0', "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "examples" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_e15224e689e196162181e541542" PRIMARY KEY ("project_id", "cluster_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "alerts" ADD "label" character varying(100) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "kind" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "resolved_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "templates" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "incident_id" uuid`);
    await queryRunner.query(`ALTER TABLE "signals" ADD "signal_key" character varying(32) NOT NULL`);
    await queryRunner.query(`ALTER TABLE "signals" ADD "template_id" character varying(32)`);
    await queryRunner.query(`CREATE INDEX "IDX_6e15df0968c2ca8649f2cdeb22" ON "alerts" ("incident_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_signals_project_key" ON "signals" ("project_id", "signal_key") `);
    await queryRunner.query(
      `ALTER TABLE "log_templates" ADD CONSTRAINT "FK_5b6f13d9e15a9971f7c2d717051" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "log_templates" DROP CONSTRAINT "FK_5b6f13d9e15a9971f7c2d717051"`);
    await queryRunner.query(`DROP INDEX "public"."ux_signals_project_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6e15df0968c2ca8649f2cdeb22"`);
    await queryRunner.query(`ALTER TABLE "signals" DROP COLUMN "template_id"`);
    await queryRunner.query(`ALTER TABLE "signals" DROP COLUMN "signal_key"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "incident_id"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "templates"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "resolved_at"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "kind"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "label"`);
    await queryRunner.query(`DROP TABLE "log_templates"`);
  }
}
