import { MigrationInterface, QueryRunner } from 'typeorm';

export class Silences1796136276303 implements MigrationInterface {
  name = 'Silences1796136276303';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "silences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "matchers" jsonb NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" character varying(200) NOT NULL, "comment" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4439bdeda8c2240b661f157884" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_silences_project_ends" ON "silences" ("project_id", "ends_at") `);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "labels" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "silenced_by" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "incidents" ADD "suppressed" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "project_webhooks" ADD "am_token_hash" character(64)`);
    await queryRunner.query(`ALTER TABLE "project_webhooks" ADD "am_token_hint" character varying(16)`);
    await queryRunner.query(
      `ALTER TABLE "silences" ADD CONSTRAINT "FK_7a8f5216095a5dbc542a5534fe3" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "silences" DROP CONSTRAINT "FK_7a8f5216095a5dbc542a5534fe3"`);
    await queryRunner.query(`ALTER TABLE "project_webhooks" DROP COLUMN "am_token_hint"`);
    await queryRunner.query(`ALTER TABLE "project_webhooks" DROP COLUMN "am_token_hash"`);
    await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "suppressed"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "silenced_by"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "labels"`);
    await queryRunner.query(`DROP INDEX "public"."ix_silences_project_ends"`);
    await queryRunner.query(`DROP TABLE "silences"`);
  }
}
