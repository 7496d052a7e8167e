import { Controller, Get, Header, Inject, NotFoundException, Req, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request } from 'express';
import { matchesDigest, sha256Hex } from '../common/crypto/digest';
import { Public } from '../common/decorators/public.decorator';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MetricsRegistry } from './metrics-registry.service';

/** GET /metrics (Prometheus text format) when METRICS_ENABLED; with METRICS_TOKEN, as a Bearer token. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request): Promise<string> {
    if (!this.config.metrics.enabled) throw new NotFoundException();
    const token = this.config.metrics.token;
    if (token) {
      const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!matchesDigest(presented, sha256Hex(token))) throw new UnauthorizedException('A metrics token is required');
    }
    req.res?.setHeader('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
