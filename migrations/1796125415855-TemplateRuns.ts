import { MigrationInterface, QueryRunner } from 'typeorm';

/** Log templates remember how many words each <*> stands for, so `<*> <*>` survives a restart. */
export class TemplateRuns1796125415855 implements MigrationInterface {
  name = 'TemplateRuns1796125415855';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "log_templates" ADD "runs" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "log_templates" DROP COLUMN "runs"`);
  }
}
