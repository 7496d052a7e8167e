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
import { LabelMatcher } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

/**
 * A silence, as Alertmanager has them: matchers, a time range, who and why. An expired silence is
 * kept (the audit trail): expiring sets ends_at to now.
 */
@Entity('silences')
@Index('ix_silences_project_ends', ['projectId', 'endsAt'])
export class SilenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'jsonb' })
  matchers!: LabelMatcher[];

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ type: 'text', default: '' })
  comment!: string;

  /** "Until resolved": the silence expires when this incident resolves. */
  @Column({ name: 'until_incident_id', type: 'uuid', nullable: true })
  untilIncidentId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
