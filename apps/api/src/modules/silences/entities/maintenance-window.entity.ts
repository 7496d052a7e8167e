import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LabelMatcher } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** A maintenance window: matching alerts behave as silenced during each occurrence (see window-schedule.ts). */
@Entity('maintenance_windows')
@Index('ix_maintenance_windows_project', ['projectId'])
export class MaintenanceWindowEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'jsonb' })
  matchers!: LabelMatcher[];

  /** Local wall-clock start of the first occurrence, YYYY-MM-DDTHH:mm, in `timezone`. */
  @Column({ name: 'start_local', type: 'varchar', length: 16 })
  startLocal!: string;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes!: number;

  /** RFC 5545 RRULE (without DTSTART), or null for a one-off window. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  rrule!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
