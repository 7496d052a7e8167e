import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** A heartbeat sender of a project (one Watchdog series): when it was last heard, and its rhythm. */
@Entity('heartbeats')
export class HeartbeatEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  /** The heartbeat alert's reference (its fingerprint). */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  ref!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** People's name for the sender (Prometheus external label, cluster). */
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'last_received_at', type: 'timestamptz' })
  lastReceivedAt!: Date;

  /** Mean gap between receipts, ms (null until the second one). */
  @Column({ name: 'interval_ms', type: 'int', nullable: true })
  intervalMs!: number | null;

  /** Set while the heartbeat is missing (its incident is open). */
  @Column({ name: 'missing_since', type: 'timestamptz', nullable: true })
  missingSince!: Date | null;
}
