import { Module } from '@nestjs/common';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

/** Expiry of old data per project (see RetentionService). */
@Module({ providers: [RetentionService, RetentionScheduler], exports: [RetentionService] })
export class RetentionModule {}
