import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ChannelLastResult, ChannelType } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** Where a project's notifications go. Secret settings are one Fernet token; the rest is plain. */
@Entity('notification_channels')
@Index('ix_notification_channels_project', ['projectId', 'createdAt'])
export class NotificationChannelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: ChannelType;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Settings that are not secret (email recipients, a PagerDuty or Opsgenie base URL). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings!: Record<string, string | string[]>;

  /** The secret settings (URL, routing key, API key, signing secret) as one Fernet token. */
  @Column({ name: 'secrets_encrypted', type: 'text' })
  secretsEncrypted!: string;

  /** Each secret masked, for display. */
  @Column({ name: 'secret_hints', type: 'jsonb', default: () => "'{}'" })
  secretHints!: Record<string, string>;

  @Column({ name: 'last_result', type: 'jsonb', nullable: true })
  lastResult!: ChannelLastResult | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
