import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** A project's log templates: the template miner's state, kept across restarts and workers. */
@Entity('log_templates')
export class LogTemplateEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @PrimaryColumn({ name: 'cluster_id', type: 'int' })
  clusterId!: number;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** Tokens with <*> for the variable parts, joined by spaces. */
  @Column({ type: 'text' })
  template!: string;

  /** Per token, how many words a <*> stands for (0: varies); see TemplateCluster.runs. */
  @Column({ type: 'jsonb', nullable: true })
  runs!: number[] | null;

  @Column({ type: 'int', default: 0 })
  count!: number;

  @Column({ name: 'first_seen', type: 'timestamptz' })
  firstSeen!: Date;

  @Column({ name: 'last_seen', type: 'timestamptz' })
  lastSeen!: Date;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  examples!: string[];

  /** The word-variant family (log_template_families) this cluster belongs to, if any. */
  @Column({ type: 'int', nullable: true })
  family!: number | null;

  /** Set when the cluster was merged into another: the row stays as an alias of that id. */
  @Column({ name: 'merged_into', type: 'int', nullable: true })
  mergedInto!: number | null;
}
