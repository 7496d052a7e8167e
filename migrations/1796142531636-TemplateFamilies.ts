import { MigrationInterface, QueryRunner } from 'typeorm';

export class TemplateFamilies1796142531636 implements MigrationInterface {
  name = 'TemplateFamilies1796142531636';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "log_template_families" ("project_id" uuid NOT NULL, "family_id" integer NOT NULL, "variable" jsonb NOT NULL DEFAULT '[]', "values" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_3606daf252b45881b2314618895" PRIMARY KEY ("project_id", "family_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "log_templates" ADD "family" integer`);
    await queryRunner.query(`ALTER TABLE "log_templates" ADD "merged_into" integer`);
    await queryRunner.query(
      `ALTER TABLE "log_template_families" ADD CONSTRAINT "FK_601153de91eb6f448650c6de7aa" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "log_template_families" DROP CONSTRAINT "FK_601153de91eb6f448650c6de7aa"`);
    await queryRunner.query(`ALTER TABLE "log_templates" DROP COLUMN "merged_into"`);
    await queryRunner.query(`ALTER TABLE "log_templates" DROP COLUMN "family"`);
    await queryRunner.query(`DROP TABLE "log_template_families"`);
  }
}
