import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationBody, NotificationEvent, NotificationStatus, UpdateChange } from '@mozaic/contracts';
import { IncidentEntity } from '../../incidents/entities/incident.entity';
import { ProjectEntity } from '../../projects/entities/project.entity';
import { NotificationChannelEntity } from './notification-channel.entity';

/**
 * The outbox: one incident change for one channel, written in the transaction of the change. A
 * channel's notifications of one incident are delivered one after another in `seq` order (the
 * head of the chain first), so a resolve never overtakes its trigger. `lease_until` marks a send
 * in progress: a worker that dies leaves it to expire, and the notification is sent again once.
 */
@Entity('notifications')
@Index('ux_notifications_change', ['channelId', 'incidentId', 'changeKey'], { unique: true })
@Index('ix_notifications_chain', ['channelId', 'incidentId', 'seq'])
@Index('ix_notifications_project', ['projectId', 'seq'])
@Index('ix_notifications_incident', ['incidentId', 'seq'])
@Index('ix_notifications_due', ['dueAt'], { where: "status = 'pending'" })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Order of commitment (the keyset of the delivery log, and the order within a chain). */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: IncidentEntity;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @ManyToOne(() => NotificationChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: NotificationChannelEntity;

  @Column({ type: 'varchar', length: 30 })
  event!: NotificationEvent;

  @Column({ type: 'varchar', length: 20, nullable: true })
  change!: UpdateChange | null;

  /** At most one notification per channel, incident and change. */
  @Column({ name: 'change_key', type: 'varchar', length: 100 })
  changeKey!: string;

  /** What is sent, as committed (an update still waiting for its turn is refreshed in place). */
  @Column({ type: 'jsonb' })
  body!: NotificationBody;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status!: NotificationStatus;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
