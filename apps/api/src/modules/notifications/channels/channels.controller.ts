import { Body, Controller, Delete, Get, HttpCode, Ip, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../../common/decorators/current-user.decorator';
import {
  ChannelResponse,
  ChannelTestResponse,
  CreateChannelDto,
  CreatedChannelResponse,
  UpdateChannelDto,
} from '../dto/channel.dto';
import { ChannelsService } from './channels.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get('projects/:project_id/channels')
  @ApiResponse({ status: 200, type: [ChannelResponse] })
  list(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
  ): Promise<ChannelResponse[]> {
    return this.channels.list(user.id, projectId);
  }

  @Post('projects/:project_id/channels')
  @ApiOperation({ summary: 'Add a channel (Slack, Teams, generic webhook, email, PagerDuty, Opsgenie)' })
  @ApiResponse({ status: 201, type: CreatedChannelResponse })
  create(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() dto: CreateChannelDto,
  ): Promise<CreatedChannelResponse> {
    return this.channels.create(user.id, projectId, dto);
  }

  @Get('channels/:channel_id')
  @ApiResponse({ status: 200, type: ChannelResponse })
  get(@CurrentUser() user: AuthUser, @Param('channel_id', ParseUUIDPipe) id: string): Promise<ChannelResponse> {
    return this.channels.get(user.id, id);
  }

  @Patch('channels/:channel_id')
  @ApiOperation({ summary: 'Rename, pause (enabled: false) or change settings; a secret left out is kept' })
  @ApiResponse({ status: 200, type: ChannelResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('channel_id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateChannelDto,
  ): Promise<ChannelResponse> {
    return this.channels.update(user.id, id, dto);
  }

  @Delete('channels/:channel_id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('channel_id', ParseUUIDPipe) id: string): Promise<void> {
    return this.channels.remove(user.id, id);
  }

  @Post('channels/:channel_id/test')
  @HttpCode(200)
  @ApiOperation({ summary: "Send a test message now and report the receiver's answer" })
  @ApiResponse({ status: 200, type: ChannelTestResponse })
  @ApiResponse({ status: 429, description: 'Too many tests (Retry-After)' })
  test(
    @CurrentUser() user: AuthUser,
    @Ip() ip: string,
    @Param('channel_id', ParseUUIDPipe) id: string,
  ): Promise<ChannelTestResponse> {
    return this.channels.test({ userId: user.id, ip }, id);
  }
}
