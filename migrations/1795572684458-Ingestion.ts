import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ingestion1795572684458 implements MigrationInterface {
  name = 'Ingestion1795572684458';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inbound_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "source" character varying(20) NOT NULL, "kind" character varying(40), "dedup_key" character varying(128) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'pending', "headers" jsonb NOT NULL DEFAULT '{}', "body" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "signal_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_b76e26fa0121da742b191b7ded0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_events_project" ON "inbound_events" ("project_id", "received_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_events_pending" ON "inbound_events" ("received_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_inbound_events_dedup" ON "inbound_events" ("project_id", "source", "dedup_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "project_webhooks" ("project_id" uuid NOT NULL, "token_hash" character(64), "token_hint" character varying(16), "token_created_at" TIMESTAMP WITH TIME ZONE, "sentry_secret_encrypted" text, "grafana_secret_encrypted" text, "sns_topic_arns" text array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1277e18e49060b42b5d150374b0" PRIMARY KEY ("project_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_events" ADD CONSTRAINT "FK_f8bcdc4be439c051cb35ebda492" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_webhooks" ADD CONSTRAINT "FK_1277e18e49060b42b5d150374b0" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_webhooks" DROP CONSTRAINT "FK_1277e18e49060b42b5d150374b0"`);
    await queryRunner.query(`ALTER TABLE "inbound_events" DROP CONSTRAINT "FK_f8bcdc4be439c051cb35ebda492"`);
    await queryRunner.query(`DROP TABLE "project_webhooks"`);
    await queryRunner.query(`DROP INDEX "public"."ux_inbound_events_dedup"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_events_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_events_project"`);
    await queryRunner.query(`DROP TABLE "inbound_events"`);
  }
}
