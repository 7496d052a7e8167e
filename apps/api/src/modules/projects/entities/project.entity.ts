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
import { UserEntity } from '../../auth/entities/user.entity';

/** Per-project settings; absent keys take the defaults. */
export interface ProjectSettings {
  /** Correlation window in seconds (default 600). */
  correlation_window_s?: number;
  /** One notification update per incident and channel per this many seconds at most (default 300). */
  notification_group_interval_s?: number;
  /** Days to keep raw deliveries, signals and resolved incidents (defaults: RETENTION_*_DAYS). */
  retention_deliveries_days?: number;
  retention_signals_days?: number;
  retention_incidents_days?: number;
}

export const DEFAULT_GROUP_INTERVAL_S = 300;

@Entity('projects')
@Index(['userId', 'createdAt'])
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings!: ProjectSettings;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
