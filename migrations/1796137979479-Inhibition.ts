import { MigrationInterface, QueryRunner } from 'typeorm';

export class Inhibition1796137979479 implements MigrationInterface {
  name = 'Inhibition1796137979479';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inhibition_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "source_matchers" jsonb NOT NULL, "target_matchers" jsonb NOT NULL, "equal" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_645c995e38eb385ab7ec3cfd574" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_inhibition_rules_project" ON "inhibition_rules" ("project_id") `);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "inhibited_by" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `ALTER TABLE "inhibition_rules" ADD CONSTRAINT "FK_ed0378a3ab598ba4079567f7574" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inhibition_rules" DROP CONSTRAINT "FK_ed0378a3ab598ba4079567f7574"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "inhibited_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inhibition_rules_project"`);
    await queryRunner.query(`DROP TABLE "inhibition_rules"`);
  }
}
