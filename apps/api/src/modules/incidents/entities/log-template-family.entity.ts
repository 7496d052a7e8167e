import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/**
 * Log templates told apart by words (`Failed password …`, `Failed none …`): which positions proved
 * variables and the words seen at the others (see VariantFamily). Members: log_templates.family.
 */
@Entity('log_template_families')
export class LogTemplateFamilyEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @PrimaryColumn({ name: 'family_id', type: 'int' })
  familyId!: number;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  variable!: number[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  values!: Record<string, string[]>;
}
