import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AlertStatus, EntityLabels, Severity, SignalSource } from '@mozaic/contracts';
import { AlertEntity } from './alert.entity';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** One observation from a source, as normalised; kept for the timeline and the raw payload. */
@Entity('signals')
@Index(['alertId', 'occurredAt'])
@Index(['projectId', 'occurredAt'])
@Index('ux_signals_project_key', ['projectId', 'signalKey'], { unique: true })
export class SignalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ name: 'alert_id', type: 'uuid', nullable: true })
  alertId!: string | null;

  @ManyToOne(() => AlertEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id' })
  alert?: AlertEntity;

  @Column({ type: 'varchar', length: 20 })
  source!: SignalSource;

  @Column({ name: 'source_ref', type: 'varchar', length: 500, nullable: true })
  sourceRef!: string | null;

  @Column({ type: 'varchar', length: 128 })
  fingerprint!: string;

  /** Identity of this delivery: a redelivery has the same key and is not stored twice. */
  @Column({ name: 'signal_key', type: 'varchar', length: 32 })
  signalKey!: string;

  /** The log template of its message. */
  @Column({ name: 'template_id', type: 'varchar', length: 32, nullable: true })
  templateId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 10 })
  severity!: Severity;

  @Column({ type: 'varchar', length: 10 })
  status!: AlertStatus;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'text', default: '' })
  message!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  entities!: EntityLabels;

  @Column({ type: 'jsonb', nullable: true })
  raw!: unknown;
}
