import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** A person's correction of a grouping (merge, move), kept with who and when. */
@Entity('incident_corrections')
@Index('ix_incident_corrections_project', ['projectId', 'createdAt'])
export class IncidentCorrectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** merge | move */
  @Column({ type: 'varchar', length: 10 })
  kind!: 'merge' | 'move';

  /** The incident acted on: merged away, or the one the alert left. */
  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  /** Where it went: the surviving incident, or the alert's new incident. */
  @Column({ name: 'target_incident_id', type: 'uuid' })
  targetIncidentId!: string;

  @Column({ name: 'alert_id', type: 'uuid', nullable: true })
  alertId!: string | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'user_email', type: 'varchar', length: 320 })
  userEmail!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
