import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** A project rule learned from a correction: two entity keys belong together, or apart. */
@Entity('correlation_rules')
@Index('ux_correlation_rules_pair', ['projectId', 'keyA', 'keyB'], { unique: true })
export class CorrelationRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ name: 'key_a', type: 'varchar', length: 500 })
  keyA!: string;

  @Column({ name: 'key_b', type: 'varchar', length: 500 })
  keyB!: string;

  /** together | apart: the latest correction of a pair wins. */
  @Column({ type: 'varchar', length: 10 })
  relation!: 'together' | 'apart';

  /** "alice@example.com on 12 Nov 2026", cited in explanations. */
  @Column({ name: 'learned_from', type: 'varchar', length: 400 })
  learnedFrom!: string;

  @Column({ name: 'correction_id', type: 'uuid', nullable: true })
  correctionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
