import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orchestrator1795581420201 implements MigrationInterface {
  name = 'Orchestrator1795581420201';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fetch_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb88a8bcf4c7a009242613a07d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_24ca51b03fe2958fe9f62f9cc1" ON "fetch_runs" ("project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fetch_run_items" ("run_id" uuid NOT NULL, "account_id" uuid NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'pending', "signal_count" integer, "error" text, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6c28e07fdba36957e5bb4dfc6e1" PRIMARY KEY ("run_id", "account_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "account_connections" ADD "next_collect_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account_connections" ADD "last_collected_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account_connections" ADD "failures" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`CREATE INDEX "ix_account_connections_due" ON "account_connections" ("next_collect_at") `);
    await queryRunner.query(
      `ALTER TABLE "fetch_runs" ADD CONSTRAINT "FK_991f2b9526daaf11442fb966717" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fetch_run_items" ADD CONSTRAINT "FK_0f9615898ff971617cdf0d0a45a" FOREIGN KEY ("run_id") REFERENCES "fetch_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fetch_run_items" ADD CONSTRAINT "FK_65d4045c0d682b207b4850de6fe" FOREIGN KEY ("account_id") REFERENCES "account_connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fetch_run_items" DROP CONSTRAINT "FK_65d4045c0d682b207b4850de6fe"`);
    await queryRunner.query(`ALTER TABLE "fetch_run_items" DROP CONSTRAINT "FK_0f9615898ff971617cdf0d0a45a"`);
    await queryRunner.query(`ALTER TABLE "fetch_runs" DROP CONSTRAINT "FK_991f2b9526daaf11442fb966717"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_connections_due"`);
    await queryRunner.query(`ALTER TABLE "account_connections" DROP COLUMN "failures"`);
    await queryRunner.query(`ALTER TABLE "account_connections" DROP COLUMN "last_collected_at"`);
    await queryRunner.query(`ALTER TABLE "account_connections" DROP COLUMN "next_collect_at"`);
    await queryRunner.query(`DROP TABLE "fetch_run_items"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_24ca51b03fe2958fe9f62f9cc1"`);
    await queryRunner.query(`DROP TABLE "fetch_runs"`);
  }
}
