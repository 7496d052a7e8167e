import { Global, Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter.service';

/** Shared rate-limit counters (PostgreSQL), for every module that limits something. */
@Global()
@Module({ providers: [RateLimiter], exports: [RateLimiter] })
export class RateLimitModule {}
