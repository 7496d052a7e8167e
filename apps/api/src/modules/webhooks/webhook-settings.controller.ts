import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { publicBaseUrl } from '../../common/http/public-base-url';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import {
  RotateTokenDto,
  UpdateWebhookSettingsDto,
  WebhookSettingsResponse,
  WebhookTokenResponse,
} from './dto/webhook-settings.dto';
import { WebhookSettingsService } from './webhook-settings.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('projects/:project_id/webhooks')
export class WebhookSettingsController {
  constructor(
    private readonly settings: WebhookSettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The base URL senders should use (PUBLIC_URL, else a validated Host). */
  private baseUrl(req: Request): string {
    return publicBaseUrl(this.config.publicUrl, req);
  }

  @Get()
  @ApiResponse({
    status: 200,
    type: WebhookSettingsResponse,
    description: 'Webhook URLs per source and which secrets are set',
  })
  describe(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Req() req: Request,
  ): Promise<WebhookSettingsResponse> {
    return this.settings.describe(user.id, projectId, this.baseUrl(req));
  }

  @Put()
  @ApiResponse({ status: 200, type: WebhookSettingsResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() dto: UpdateWebhookSettingsDto,
    @Req() req: Request,
  ): Promise<WebhookSettingsResponse> {
    return this.settings.update(user.id, projectId, dto, this.baseUrl(req));
  }

  @Post('token')
  @HttpCode(201)
  @ApiResponse({
    status: 201,
    type: WebhookTokenResponse,
    description: 'A new token, shown only now; the old one keeps working for grace_hours (default 24)',
  })
  rotate(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() body: RotateTokenDto,
  ): Promise<WebhookTokenResponse> {
    return this.settings.rotateToken(user.id, projectId, body?.grace_hours ?? 24);
  }
}
