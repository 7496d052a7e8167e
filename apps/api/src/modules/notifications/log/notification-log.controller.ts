import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NEXT_CURSOR_HEADER } from '@mozaic/contracts';
import { Response } from 'express';
import { AuthUser, CurrentUser } from '../../../common/decorators/current-user.decorator';
import { ListNotificationsQuery, NotificationResponse } from '../dto/notification.response';
import { NotificationLog } from './notification-log.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationLogController {
  constructor(private readonly log: NotificationLog) {}

  @Get('projects/:project_id/notifications')
  @ApiOperation({ summary: 'The delivery log: notifications with every attempt, newest first' })
  @ApiResponse({ status: 200, type: [NotificationResponse] })
  @ApiHeader({
    name: NEXT_CURSOR_HEADER,
    description: 'Response header: cursor of the next page, absent on the last page',
  })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Query() query: ListNotificationsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NotificationResponse[]> {
    const page = await this.log.list(user.id, projectId, query);
    if (page.nextCursor) res.setHeader(NEXT_CURSOR_HEADER, page.nextCursor);
    return page.items;
  }

  @Get('incidents/:incident_id/notifications')
  @ApiOperation({ summary: 'Notifications sent (or due) for one incident, oldest first' })
  @ApiResponse({ status: 200, type: [NotificationResponse] })
  forIncident(
    @CurrentUser() user: AuthUser,
    @Param('incident_id', ParseUUIDPipe) id: string,
  ): Promise<NotificationResponse[]> {
    return this.log.forIncident(user.id, id);
  }
}
