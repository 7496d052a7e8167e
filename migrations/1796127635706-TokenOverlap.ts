import { MigrationInterface, QueryRunner } from 'typeorm';

/** A rotated webhook token keeps working for a grace period (the overlap), so no sender is cut off. */
export class TokenOverlap1796127635706 implements MigrationInterface {
  name = 'TokenOverlap1796127635706';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_webhooks" ADD "previous_token_hash" character(64)`);
    await queryRunner.query(`ALTER TABLE "project_webhooks" ADD "previous_token_expires_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_webhooks" DROP COLUMN "previous_token_expires_at"`);
    await queryRunner.query(`ALTER TABLE "project_webhooks" DROP COLUMN "previous_token_hash"`);
  }
}
