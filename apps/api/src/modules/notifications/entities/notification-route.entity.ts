import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LabelMatcher, NotificationEvent, Severity } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** One routing rule of a project, tried in `position` order (see routing/route-matcher.ts). */
@Entity('notification_routes')
@Index('ix_notification_routes_project', ['projectId', 'position'])
export class NotificationRouteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'severity_at_least', type: 'varchar', length: 10, nullable: true })
  severityAtLeast!: Severity | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  events!: NotificationEvent[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  matchers!: LabelMatcher[];

  @Column({ name: 'channel_ids', type: 'uuid', array: true, default: () => "'{}'" })
  channelIds!: string[];

  @Column({ name: 'continue', type: 'boolean', default: false })
  continueMatching!: boolean;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
