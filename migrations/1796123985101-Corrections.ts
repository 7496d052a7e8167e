import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People's corrections of groupings (merge, move: who and when) and the project rules learned
 * from them (two entity keys together or apart), which later groupings honour and cite.
 */
export class Corrections1796123985101 implements MigrationInterface {
  name = 'Corrections1796123985101';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incident_corrections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "incident_id" uuid NOT NULL, "target_incident_id" uuid NOT NULL, "alert_id" uuid, "user_id" uuid, "user_email" character varying(320) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61b6b00cb13b4c99e67d0a5ba6f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_corrections_project" ON "incident_corrections" ("project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "correlation_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "key_a" character varying(500) NOT NULL, "key_b" character varying(500) NOT NULL, "relation" character varying(10) NOT NULL, "learned_from" character varying(400) NOT NULL, "correction_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_34d258d3204c3aaf12475c9b78e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_correlation_rules_pair" ON "correlation_rules" ("project_id", "key_a", "key_b") `,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_corrections" ADD CONSTRAINT "FK_63a3873edb743e3f7bb46abc005" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "correlation_rules" ADD CONSTRAINT "FK_4cf79f7e0cf55c9eb80573dcf06" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "correlation_rules" DROP CONSTRAINT "FK_4cf79f7e0cf55c9eb80573dcf06"`);
    await queryRunner.query(`ALTER TABLE "incident_corrections" DROP CONSTRAINT "FK_63a3873edb743e3f7bb46abc005"`);
    await queryRunner.query(`DROP INDEX "public"."ux_correlation_rules_pair"`);
    await queryRunner.query(`DROP TABLE "correlation_rules"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_corrections_project"`);
    await queryRunner.query(`DROP TABLE "incident_corrections"`);
  }
}
