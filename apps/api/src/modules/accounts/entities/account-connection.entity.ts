import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AccountConfig, AccountStatus, ServiceType } from '@mozaic/contracts';
import { ProjectEntity } from '../../projects/entities/project.entity';

@Entity('account_connections')
@Index(['projectId', 'createdAt'])
export class AccountConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ name: 'service_type', type: 'varchar', length: 20 })
  serviceType!: ServiceType;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** A Fernet token of the credentials JSON; never leaves the server. */
  @Column({ name: 'credentials_encrypted', type: 'text' })
  credentialsEncrypted!: string;

  /** A masked hint for people, e.g. "••••a1b2". */
  @Column({ name: 'credentials_hint', type: 'varchar', length: 32 })
  credentialsHint!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  config!: AccountConfig;

  @Column({ type: 'varchar', length: 10, default: 'inactive' })
  status!: AccountStatus;

  @Column({ name: 'last_tested', type: 'timestamptz', nullable: true })
  lastTested!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Collection cursor (provider-specific), so a restart resumes where it stopped. */
  @Column({ type: 'jsonb', nullable: true })
  cursor!: Record<string, unknown> | null;

  /** When the scheduler runs this account next (claimed atomically, so once per interval). */
  @Index('ix_account_connections_due')
  @Column({ name: 'next_collect_at', type: 'timestamptz', nullable: true })
  nextCollectAt!: Date | null;

  @Column({ name: 'last_collected_at', type: 'timestamptz', nullable: true })
  lastCollectedAt!: Date | null;

  /** Failed collections in a row: drives the back-off and the `error` status. */
  @Column({ type: 'int', default: 0 })
  failures!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
