import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { InboundEventResponse, ListInboundEventsQuery } from './dto/inbound-event.dto';
import { InboundEventsService } from './inbound-events.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('projects/:project_id/events')
export class InboundEventsController {
  constructor(private readonly events: InboundEventsService) {}

  @Get()
  @ApiResponse({ status: 200, type: [InboundEventResponse], description: 'Stored deliveries, newest first' })
  list(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Query() q: ListInboundEventsQuery,
  ): Promise<InboundEventResponse[]> {
    return this.events.list(user.id, projectId, q);
  }

  @Post(':event_id/replay')
  @HttpCode(202)
  @ApiResponse({
    status: 202,
    type: InboundEventResponse,
    description: 'Back in the queue (a processed delivery is left as it is)',
  })
  replay(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Param('event_id', ParseUUIDPipe) eventId: string,
  ): Promise<InboundEventResponse> {
    return this.events.replay(user.id, projectId, eventId);
  }
}
