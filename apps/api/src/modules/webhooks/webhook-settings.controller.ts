import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { UpdateWebhookSettingsDto, WebhookSettingsResponse, WebhookTokenResponse } from './dto/webhook-settings.dto';
import { WebhookSettingsService } from './webhook-settings.service';

/** The base URL senders should use: this request's scheme and host. */
const baseUrl = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('projects/:project_id/webhooks')
export class WebhookSettingsController {
  constructor(private readonly settings: WebhookSettingsService) {}

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
    return this.settings.describe(user.id, projectId, baseUrl(req));
  }

  @Put()
  @ApiResponse({ status: 200, type: WebhookSettingsResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() dto: UpdateWebhookSettingsDto,
    @Req() req: Request,
  ): Promise<WebhookSettingsResponse> {
    return this.settings.update(user.id, projectId, dto, baseUrl(req));
  }

  @Post('token')
  @HttpCode(201)
  @ApiResponse({
    status: 201,
    type: WebhookTokenResponse,
    description: 'A new token (the old one stops working); shown only now',
  })
  rotate(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
  ): Promise<WebhookTokenResponse> {
    return this.settings.rotateToken(user.id, projectId);
  }
}
