import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { NotifyQueue } from '../delivery/notify-queue';
import { takeAfterCommit } from './after-commit';

/**
 * Enqueues the notifications a transaction wrote once it has committed — never before (a worker
 * would not see the row yet) and never for a rollback. A lost enqueue is caught by the sweeper.
 */
@Injectable()
export class AfterCommitSubscriber implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: NotifyQueue,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return; // a savepoint: the transaction goes on
    const ids = takeAfterCommit(event.queryRunner);
    if (ids.length) this.queue.enqueue(ids);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // A savepoint's rollback keeps the ids: enqueueing an id never committed is harmless.
    if (!event.queryRunner.isTransactionActive) takeAfterCommit(event.queryRunner);
  }
}
