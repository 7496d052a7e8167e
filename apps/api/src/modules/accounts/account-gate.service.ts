import { Inject, Injectable } from '@nestjs/common';
import { ServiceType } from '@mozaic/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { InvalidInputError } from '../../common/errors';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';

/** Who asks, as the limits count them. */
export interface Caller {
  userId: string;
  ip: string;
}

/**
 * What a user may point MOZAIC at before anything connects: unix sockets only from the operator's
 * allow-list (checked without touching the disk, so a missing and an existing path answer alike),
 * and connection tests — which make this server open connections — limited per user and per IP.
 */
@Injectable()
export class AccountGate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  check(type: ServiceType, credentials: Record<string, string | undefined>): void {
    const host = credentials['host'];
    if (type !== 'docker' || !host?.startsWith('unix://')) return;
    if (!this.config.sources.dockerSocketAllowlist.includes(host.slice('unix://'.length)))
      throw new InvalidInputError(
        'credentials.host: unix sockets are not allowed on this server (an operator can allow socket paths with DOCKER_SOCKET_ALLOWLIST); use tcp://host:port',
      );
  }

  async countTest(caller: Caller): Promise<void> {
    const { perUser, perIp, windowSeconds } = this.config.connectionTestRateLimit;
    await this.limiter.consume(`conn-test:user:${caller.userId}`, perUser, windowSeconds);
    await this.limiter.consume(`conn-test:ip:${caller.ip}`, perIp, windowSeconds);
  }
}
