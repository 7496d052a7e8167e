import { Module } from '@nestjs/common';
import { NotificationOutbox } from './notification-outbox.service';

/** The outbox writer alone, for the module whose transactions change incidents (Incidents). */
@Module({ providers: [NotificationOutbox], exports: [NotificationOutbox] })
export class OutboxModule {}
