import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LabelMatcher } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

/**
 * An inhibition rule, as Alertmanager's inhibit_rules: while an alert matching the source matchers
 * fires, alerts matching the target matchers with the same values of the `equal` labels are inhibited.
 */
@Entity('inhibition_rules')
@Index('ix_inhibition_rules_project', ['projectId'])
export class InhibitionRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'source_matchers', type: 'jsonb' })
  sourceMatchers!: LabelMatcher[];

  @Column({ name: 'target_matchers', type: 'jsonb' })
  targetMatchers!: LabelMatcher[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  equal!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
