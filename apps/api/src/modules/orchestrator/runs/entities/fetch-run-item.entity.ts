import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FetchItemStatus } from '@mozaic/contracts';
import { AccountConnectionEntity } from '../../../accounts/entities/account-connection.entity';
import { FetchRunEntity } from './fetch-run.entity';

/** One account's part of a manual fetch. */
@Entity('fetch_run_items')
export class FetchRunItemEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => FetchRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: FetchRunEntity;

  @ManyToOne(() => AccountConnectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountConnectionEntity;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: FetchItemStatus;

  @Column({ name: 'signal_count', type: 'int', nullable: true })
  signalCount!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
