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
import { CorrelationData, IncidentLogLine, IncidentStatus, Severity, SignalSource } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

/**
 * A group of correlated alerts. The list is read newest first with keyset pagination on
 * (timestamp, id); the indexes below serve the unfiltered list and each single filter.
 * "One open incident per grouping key" is a unique partial index (see the migration).
 */
@Entity('incidents')
@Index('ix_incidents_project_ts', ['projectId', 'timestamp', 'id'])
@Index('ix_incidents_project_severity_ts', ['projectId', 'severity', 'timestamp', 'id'])
@Index('ix_incidents_project_status_ts', ['projectId', 'status', 'timestamp', 'id'])
@Index('ix_incidents_project_source_ts', ['projectId', 'source', 'timestamp', 'id'])
@Index('ux_incidents_open_grouping_key', ['projectId', 'groupingKey'], {
  unique: true,
  where: "status <> 'resolved'",
})
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** The main source, or "multiple" when sources agree. */
  @Column({ type: 'varchar', length: 20 })
  source!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sources!: SignalSource[];

  @Column({ type: 'varchar', length: 10 })
  severity!: Severity;

  /** Searched with ILIKE through a trigram index created by hand (synchronize: false). */
  @Index('ix_incidents_title_trgm', { synchronize: false })
  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 15, default: 'open' })
  status!: IncidentStatus;

  @Column({ name: 'grouping_key', type: 'varchar', length: 500 })
  groupingKey!: string;

  /** When the incident began: the earliest member's occurrence time. */
  @Column({ type: 'timestamptz' })
  timestamp!: Date;

  @Column({ name: 'last_seen', type: 'timestamptz' })
  lastSeen!: Date;

  @Column({ name: 'logs_json', type: 'jsonb', default: () => "'[]'" })
  logsJson!: IncidentLogLine[];

  @Column({ name: 'correlation_data', type: 'jsonb', default: () => "'{}'" })
  correlationData!: CorrelationData;

  /** Every firing member silenced: notifies nobody, hidden from the list unless asked for. */
  @Column({ type: 'boolean', default: false })
  suppressed!: boolean;

  @Column({ name: 'alert_count', type: 'int', default: 0 })
  alertCount!: number;

  @Column({ name: 'signal_count', type: 'int', default: 0 })
  signalCount!: number;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'previous_incident_id', type: 'uuid', nullable: true })
  previousIncidentId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
