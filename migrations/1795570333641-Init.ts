import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795570333641 implements MigrationInterface {
  name = 'Init1795570333641';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "is_active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rotated_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d5e27da0cd39bc3bb2811fc8ba" ON "refresh_tokens" ("family_id") `);
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "description" text, "user_id" uuid NOT NULL, "settings" jsonb NOT NULL DEFAULT '{}'::jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9bef393585b9c960adbb68ef18" ON "projects" ("user_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "account_connections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "service_type" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "credentials_encrypted" text NOT NULL, "credentials_hint" character varying(32) NOT NULL, "config" jsonb NOT NULL DEFAULT '{}'::jsonb, "status" character varying(10) NOT NULL DEFAULT 'inactive', "last_tested" TIMESTAMP WITH TIME ZONE, "last_error" text, "cursor" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a58e7a696ccbf3690f4961e3de4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6c75fa775b546acb7a4a6fa4a9" ON "account_connections" ("project_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "fingerprint" character varying(128) NOT NULL, "source" character varying(20) NOT NULL, "source_ref" character varying(500), "title" character varying(500) NOT NULL, "severity" character varying(10) NOT NULL, "status" character varying(10) NOT NULL, "count" integer NOT NULL DEFAULT '1', "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "entities" jsonb NOT NULL DEFAULT '{}'::jsonb, "link" text, CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_alerts_project_fingerprint" ON "alerts" ("project_id", "fingerprint") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incidents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "source" character varying(20) NOT NULL, "sources" text array NOT NULL DEFAULT '{}', "severity" character varying(10) NOT NULL, "title" character varying(500) NOT NULL, "status" character varying(15) NOT NULL DEFAULT 'open', "grouping_key" character varying(500) NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "logs_json" jsonb NOT NULL DEFAULT '[]'::jsonb, "correlation_data" jsonb NOT NULL DEFAULT '{}'::jsonb, "alert_count" integer NOT NULL DEFAULT '0', "signal_count" integer NOT NULL DEFAULT '0', "acknowledged_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "previous_incident_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_incidents_open_grouping_key" ON "incidents" ("project_id", "grouping_key") WHERE status <> 'resolved'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incidents_project_source_ts" ON "incidents" ("project_id", "source", "timestamp", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incidents_project_status_ts" ON "incidents" ("project_id", "status", "timestamp", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incidents_project_severity_ts" ON "incidents" ("project_id", "severity", "timestamp", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_incidents_project_ts" ON "incidents" ("project_id", "timestamp", "id") `);
    await queryRunner.query(
      `CREATE TABLE "incident_alerts" ("incident_id" uuid NOT NULL, "alert_id" uuid NOT NULL, "reason" jsonb NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7aad27116dc95b2e94dfca6aceb" PRIMARY KEY ("incident_id", "alert_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b050e930ebf9dc7efc79a80744" ON "incident_alerts" ("alert_id") `);
    await queryRunner.query(
      `CREATE TABLE "signals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "alert_id" uuid, "source" character varying(20) NOT NULL, "source_ref" character varying(500), "fingerprint" character varying(128) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "severity" character varying(10) NOT NULL, "status" character varying(10) NOT NULL, "title" character varying(500) NOT NULL, "message" text NOT NULL DEFAULT '', "entities" jsonb NOT NULL DEFAULT '{}'::jsonb, "raw" jsonb, CONSTRAINT "PK_04eeac09c09b65bc55c628c101d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6262a4ef9aa0c0b04a59103b33" ON "signals" ("project_id", "occurred_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_a03ed1137259bfbf84442c12cc" ON "signals" ("alert_id", "occurred_at") `);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_bd55b203eb9f92b0c8390380010" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_connections" ADD CONSTRAINT "FK_37b3b9da66180f5734aa4b987b5" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "FK_f01b21d21656ff12656cce07e22" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incidents" ADD CONSTRAINT "FK_6075f79451f62de7bf4d5682111" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_alerts" ADD CONSTRAINT "FK_7c0cb8461b898523a1863f74d54" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_alerts" ADD CONSTRAINT "FK_b050e930ebf9dc7efc79a807441" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signals" ADD CONSTRAINT "FK_e6a22c68c8b9f7f53eb73a04262" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signals" ADD CONSTRAINT "FK_35ed1026679902a71d6721e1e79" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "signals" DROP CONSTRAINT "FK_35ed1026679902a71d6721e1e79"`);
    await queryRunner.query(`ALTER TABLE "signals" DROP CONSTRAINT "FK_e6a22c68c8b9f7f53eb73a04262"`);
    await queryRunner.query(`ALTER TABLE "incident_alerts" DROP CONSTRAINT "FK_b050e930ebf9dc7efc79a807441"`);
    await queryRunner.query(`ALTER TABLE "incident_alerts" DROP CONSTRAINT "FK_7c0cb8461b898523a1863f74d54"`);
    await queryRunner.query(`ALTER TABLE "incidents" DROP CONSTRAINT "FK_6075f79451f62de7bf4d5682111"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_f01b21d21656ff12656cce07e22"`);
    await queryRunner.query(`ALTER TABLE "account_connections" DROP CONSTRAINT "FK_37b3b9da66180f5734aa4b987b5"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "FK_bd55b203eb9f92b0c8390380010"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a03ed1137259bfbf84442c12cc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6262a4ef9aa0c0b04a59103b33"`);
    await queryRunner.query(`DROP TABLE "signals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b050e930ebf9dc7efc79a80744"`);
    await queryRunner.query(`DROP TABLE "incident_alerts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_project_ts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_project_severity_ts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_project_status_ts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_project_source_ts"`);
    await queryRunner.query(`DROP INDEX "public"."ux_incidents_open_grouping_key"`);
    await queryRunner.query(`DROP TABLE "incidents"`);
    await queryRunner.query(`DROP INDEX "public"."ux_alerts_project_fingerprint"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6c75fa775b546acb7a4a6fa4a9"`);
    await queryRunner.query(`DROP TABLE "account_connections"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9bef393585b9c960adbb68ef18"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d5e27da0cd39bc3bb2811fc8ba"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
