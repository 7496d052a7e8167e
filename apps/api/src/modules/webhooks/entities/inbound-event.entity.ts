import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InboundEventStatus } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

/**
 * One webhook delivery, stored before it is acknowledged. The queue only distributes ids; this
 * row is the truth: pending until processed (in the same transaction as its incidents), failed
 * with its error after the last retry, and replayable.
 */
@Entity('inbound_events')
@Index('ux_inbound_events_dedup', ['projectId', 'source', 'dedupKey'], { unique: true })
@Index('ix_inbound_events_pending', ['receivedAt'], { where: "status = 'pending'" })
@Index('ix_inbound_events_project', ['projectId', 'receivedAt'])
@Index('ix_inbound_events_pending_project', ['projectId', 'id'], { where: "status = 'pending'" })
export class InboundEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: 20 })
  source!: string;

  /** What the sender said it is: Sentry resource, SNS message type, … */
  @Column({ type: 'varchar', length: 40, nullable: true })
  kind!: string | null;

  /** The sender's delivery id (Sentry Request-ID, SNS MessageId) or a payload hash. */
  @Column({ name: 'dedup_key', type: 'varchar', length: 128 })
  dedupKey!: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: InboundEventStatus;

  /** The headers that matter for audit (never authorization or signatures). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  /** The raw body, exactly as received. */
  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'signal_count', type: 'int', default: 0 })
  signalCount!: number;
}
