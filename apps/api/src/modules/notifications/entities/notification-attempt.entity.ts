import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationEntity } from './notification.entity';

/** One attempt to deliver a notification: when, what the receiver answered (cut), and the outcome. */
@Entity('notification_attempts')
@Index('ix_notification_attempts_notification', ['notificationId', 'at'])
export class NotificationAttemptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: NotificationEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'int', nullable: true })
  status!: number | null;

  @Column({ type: 'varchar', length: 10 })
  outcome!: 'sent' | 'retry' | 'failed';

  @Column({ type: 'varchar', length: 500 })
  answer!: string;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs!: number;
}
