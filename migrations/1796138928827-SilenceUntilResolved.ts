import { MigrationInterface, QueryRunner } from 'typeorm';

export class SilenceUntilResolved1796138928827 implements MigrationInterface {
  name = 'SilenceUntilResolved1796138928827';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "silences" ADD "until_incident_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "silences" DROP COLUMN "until_incident_id"`);
  }
}
