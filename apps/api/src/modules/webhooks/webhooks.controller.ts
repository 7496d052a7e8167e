import { Controller, HttpCode, Param, Post, RawBodyRequest, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { WebhookAck } from '@mozaic/contracts';
import { Public } from '../../common/decorators/public.decorator';
import { NotFoundError } from '../../common/errors';
import { WebhookIntake } from './webhook-intake.service';
import { WEBHOOK_SOURCES, WebhookSource } from './webhook-settings.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly intake: WebhookIntake) {}

  @Public()
  @Post(':source/:project_id')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Receive a delivery from Sentry, AWS SNS / EventBridge (CloudWatch alarms), Alertmanager or Grafana',
    description:
      'sentry: Sentry-Hook-Signature (HMAC of the raw body with the client secret), or ?token= for the legacy plugin. ' +
      'cloudwatch: SNS signature (text/plain body) and topic allow-list; EventBridge with the webhook token. ' +
      'alertmanager, grafana: the webhook token as Bearer or basic-auth password (Grafana also X-Grafana-Alerting-Signature when a secret is set). ' +
      'Stored before the answer: 202 new, 200 duplicate.',
  })
  @ApiParam({ name: 'source', enum: WEBHOOK_SOURCES })
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({ schema: { type: 'object' } })
  @ApiResponse({ status: 202, description: 'Stored, will be processed' })
  @ApiResponse({ status: 200, description: 'A redelivery of a stored delivery' })
  @ApiResponse({ status: 401, description: 'Missing or wrong signature or token' })
  @ApiResponse({ status: 404, description: 'Unknown project or source' })
  @ApiResponse({ status: 503, description: 'Storage unavailable: retry' })
  async receive(
    @Param('source') source: string,
    @Param('project_id') projectId: string,
    @Req() req: RawBodyRequest<Request>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookAck> {
    if (!WEBHOOK_SOURCES.includes(source as WebhookSource)) throw new NotFoundError('Webhook source');
    const ack = await this.intake.receive(source as WebhookSource, projectId, {
      raw: req.rawBody ?? Buffer.alloc(0),
      headers: req.headers,
      query: req.query as Record<string, unknown>,
      contentType: req.headers['content-type'] ?? '',
    });
    if (ack.status === 'duplicate') res.status(200);
    return ack;
  }
}
