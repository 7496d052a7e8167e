import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AlertStatus, EntityLabels, Severity, SignalKind, SignalSource } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** Repeats of one signal (same fingerprint) folded into one alert. */
@Entity('alerts')
@Index('ux_alerts_project_fingerprint', ['projectId', 'fingerprint'], {
  unique: true,
})
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: 128 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 20 })
  source!: SignalSource;

  @Column({ name: 'source_ref', type: 'varchar', length: 500, nullable: true })
  sourceRef!: string | null;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 10 })
  severity!: Severity;

  @Column({ type: 'varchar', length: 10 })
  status!: AlertStatus;

  @Column({ type: 'int', default: 1 })
  count!: number;

  @Column({ name: 'first_seen', type: 'timestamptz' })
  firstSeen!: Date;

  @Column({ name: 'last_seen', type: 'timestamptz' })
  lastSeen!: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  entities!: EntityLabels;

  /** The source's own labels at the latest occurrence (what silences match on, with the entities). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  labels!: Record<string, string>;

  /** Silences that matched the alert at its latest occurrence: silenced alerts notify nobody. */
  @Column({ name: 'silenced_by', type: 'uuid', array: true, default: () => "'{}'" })
  silencedBy!: string[];

  /** Firing alerts that inhibited it at its latest occurrence (inhibition rules). */
  @Column({ name: 'inhibited_by', type: 'uuid', array: true, default: () => "'{}'" })
  inhibitedBy!: string[];

  @Column({ type: 'text', nullable: true })
  link!: string | null;

  /** Short name for incident titles. */
  @Column({ type: 'varchar', length: 100, default: '' })
  label!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  kind!: SignalKind | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** Ids of the log templates seen in its signals. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  templates!: string[];

  /** The incident it belongs to now. */
  @Index()
  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId!: string | null;
}
