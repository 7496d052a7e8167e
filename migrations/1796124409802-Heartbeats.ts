import { MigrationInterface, QueryRunner } from 'typeorm';

/** Heartbeat senders (Watchdog) per project: when last heard, their rhythm, and whether missing. */
export class Heartbeats1796124409802 implements MigrationInterface {
  name = 'Heartbeats1796124409802';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "heartbeats" ("project_id" uuid NOT NULL, "ref" character varying(200) NOT NULL, "name" character varying(200) NOT NULL, "last_received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "interval_ms" integer, "missing_since" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5ec9dc6f5cce4482cde8ca97c23" PRIMARY KEY ("project_id", "ref"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "heartbeats" ADD CONSTRAINT "FK_4d58363d70e62746e28a03e71ba" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "heartbeats" DROP CONSTRAINT "FK_4d58363d70e62746e28a03e71ba"`);
    await queryRunner.query(`DROP TABLE "heartbeats"`);
  }
}
