import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** A project's webhook secrets: the token only as a hash, the HMAC secrets encrypted (Fernet). */
@Entity('project_webhooks')
export class ProjectWebhookEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @OneToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** SHA-256 of the webhook token (Alertmanager, Grafana, EventBridge, legacy Sentry). */
  @Column({ name: 'token_hash', type: 'char', length: 64, nullable: true })
  tokenHash!: string | null;

  @Column({ name: 'token_hint', type: 'varchar', length: 16, nullable: true })
  tokenHint!: string | null;

  @Column({ name: 'token_created_at', type: 'timestamptz', nullable: true })
  tokenCreatedAt!: Date | null;

  /** The token before the last rotation, still accepted until previous_token_expires_at (the overlap). */
  @Column({ name: 'previous_token_hash', type: 'char', length: 64, nullable: true })
  previousTokenHash!: string | null;

  @Column({ name: 'previous_token_expires_at', type: 'timestamptz', nullable: true })
  previousTokenExpiresAt!: Date | null;

  /** SHA-256 of the project's Alertmanager API token (amtool, Prometheus, Grafana's Alertmanager data source). */
  @Column({ name: 'am_token_hash', type: 'char', length: 64, nullable: true })
  amTokenHash!: string | null;

  @Column({ name: 'am_token_hint', type: 'varchar', length: 16, nullable: true })
  amTokenHint!: string | null;

  /** The Sentry integration's client secret (HMAC of Sentry-Hook-Signature), encrypted. */
  @Column({ name: 'sentry_secret_encrypted', type: 'text', nullable: true })
  sentrySecretEncrypted!: string | null;

  /** Grafana's HMAC secret (X-Grafana-Alerting-Signature), encrypted. */
  @Column({ name: 'grafana_secret_encrypted', type: 'text', nullable: true })
  grafanaSecretEncrypted!: string | null;

  /** SNS topics allowed to deliver to this project. */
  @Column({ name: 'sns_topic_arns', type: 'text', array: true, default: () => "'{}'" })
  snsTopicArns!: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
