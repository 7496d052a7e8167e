import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { publicBaseUrl } from '../../common/http/public-base-url';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AlertmanagerTokens } from './alertmanager/alertmanager-tokens.service';
import {
  AlertmanagerTokenResponse,
  CreateSilenceDto,
  ListSilencesQuery,
  PreviewSilenceDto,
  SilencePreviewResponse,
  SilenceResponse,
  UpdateSilenceDto,
} from './dto/silence.dto';
import { SilencesService } from './silences.service';

@ApiTags('silences')
@ApiBearerAuth()
@Controller()
export class SilencesController {
  constructor(
    private readonly silences: SilencesService,
    private readonly tokens: AlertmanagerTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('projects/:project_id/silences')
  @ApiResponse({ status: 200, type: [SilenceResponse] })
  list(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Query() q: ListSilencesQuery,
  ): Promise<SilenceResponse[]> {
    return this.silences.list(user.id, projectId, q.state);
  }

  @Post('projects/:project_id/silences')
  @ApiOperation({ summary: 'Silence alerts: stored and correlated as ever, but they notify nobody while it is active' })
  @ApiResponse({ status: 201, type: SilenceResponse })
  create(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() dto: CreateSilenceDto,
  ): Promise<SilenceResponse> {
    return this.silences.create(user, projectId, dto);
  }

  @Post('projects/:project_id/silences/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What these matchers would silence right now (nothing is stored)' })
  @ApiResponse({ status: 200, type: SilencePreviewResponse })
  preview(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() dto: PreviewSilenceDto,
  ): Promise<SilencePreviewResponse> {
    return this.silences.preview(user.id, projectId, dto.matchers);
  }

  @Get('silences/:silence_id')
  @ApiResponse({ status: 200, type: SilenceResponse })
  get(@CurrentUser() user: AuthUser, @Param('silence_id', ParseUUIDPipe) id: string): Promise<SilenceResponse> {
    return this.silences.get(user.id, id);
  }

  @Patch('silences/:silence_id')
  @ApiOperation({ summary: 'Change a silence that has not expired' })
  @ApiResponse({ status: 200, type: SilenceResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('silence_id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSilenceDto,
  ): Promise<SilenceResponse> {
    return this.silences.update(user.id, id, dto);
  }

  @Post('silences/:silence_id/expire')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a silence now (kept, expired, for the audit trail)' })
  @ApiResponse({ status: 200, type: SilenceResponse })
  expire(@CurrentUser() user: AuthUser, @Param('silence_id', ParseUUIDPipe) id: string): Promise<SilenceResponse> {
    return this.silences.expire(user.id, id);
  }

  @Post('projects/:project_id/alertmanager/token')
  @ApiOperation({
    summary: 'A new Alertmanager API token (the previous one stops working): Bearer for amtool, Prometheus and Grafana',
  })
  @ApiResponse({ status: 201, type: AlertmanagerTokenResponse })
  async token(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Req() req: Request,
  ): Promise<AlertmanagerTokenResponse> {
    const token = await this.tokens.rotate(user.id, projectId);
    return { token, base_url: `${publicBaseUrl(this.config.publicUrl, req)}/alertmanager/${projectId}` };
  }
}
