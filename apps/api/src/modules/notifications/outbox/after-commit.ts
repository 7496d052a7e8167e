import { EntityManager, QueryRunner } from 'typeorm';
import { QueuedNotification } from '../delivery/notify-queue';

const KEY = 'mozaic.notificationIds';

/** Remembers notifications written in this transaction, to be enqueued once it commits. */
export function enqueueAfterCommit(m: EntityManager, ids: QueuedNotification[]): void {
  const data = m.queryRunner?.data as Record<string, QueuedNotification[] | undefined> | undefined;
  if (!data || ids.length === 0) return;
  (data[KEY] ??= []).push(...ids);
}

/** The ids remembered on a transaction's runner, forgotten as they are taken. */
export function takeAfterCommit(runner: QueryRunner): QueuedNotification[] {
  const data = runner.data as Record<string, QueuedNotification[] | undefined>;
  const ids = data[KEY] ?? [];
  delete data[KEY];
  return ids;
}
