import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { NEXT_CURSOR_HEADER } from '@mozaic/contracts';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { IncidentDetailResponse, IncidentSummaryResponse } from './dto/incident.response';
import { ListIncidentsQueryDto } from './dto/list-incidents.query';
import { IncidentsService } from './incidents.service';
import { IncidentSignalResponse } from './dto/incident-signal.response';
import { IncidentStream } from './incident-stream.service';
import { IncidentStreamQuery } from './dto/stream.query';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly live: IncidentStream,
  ) {}

  /** Declared before ':incident_id' so that "stream" is not taken for an id. */
  @Get('stream')
  @ApiOperation({
    summary: 'Server-Sent Events: an "incident" event with the summary of each created or changed incident',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: 'text/event-stream; ends when the access token expires or the session is revoked',
  })
  @ApiResponse({ status: 429, description: 'Too many open streams for this user (SSE_MAX_STREAMS_PER_USER)' })
  stream(
    @CurrentUser() user: AuthUser,
    @Query() q: IncidentStreamQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.live.open(user, q.project_id, req, res);
  }

  @Get('project/:project_id')
  @ApiResponse({
    status: 200,
    type: [IncidentSummaryResponse],
    description: 'Newest first',
  })
  @ApiHeader({
    name: NEXT_CURSOR_HEADER,
    description: 'Response header: cursor of the next page, absent on the last page',
  })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Query() query: ListIncidentsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IncidentSummaryResponse[]> {
    const page = await this.incidents.list(user.id, projectId, query);
    if (page.nextCursor) res.setHeader(NEXT_CURSOR_HEADER, page.nextCursor);
    return page.items;
  }

  @Get(':incident_id')
  @ApiResponse({ status: 200, type: IncidentDetailResponse })
  get(@CurrentUser() user: AuthUser, @Param('incident_id', ParseUUIDPipe) id: string): Promise<IncidentDetailResponse> {
    return this.incidents.get(user.id, id);
  }

  @Get(':incident_id/signals')
  @ApiOperation({ summary: "The incident's signals in time order (newest 500), with the raw payloads" })
  @ApiResponse({ status: 200, type: [IncidentSignalResponse] })
  signals(
    @CurrentUser() user: AuthUser,
    @Param('incident_id', ParseUUIDPipe) id: string,
  ): Promise<IncidentSignalResponse[]> {
    return this.incidents.signals(user.id, id);
  }

  @Post(':incident_id/acknowledge')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: IncidentDetailResponse })
  @ApiResponse({ status: 409, description: 'Not open' })
  acknowledge(
    @CurrentUser() user: AuthUser,
    @Param('incident_id', ParseUUIDPipe) id: string,
  ): Promise<IncidentDetailResponse> {
    return this.incidents.act(user.id, id, 'acknowledge');
  }

  @Post(':incident_id/resolve')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: IncidentDetailResponse })
  @ApiResponse({ status: 409, description: 'Already resolved' })
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('incident_id', ParseUUIDPipe) id: string,
  ): Promise<IncidentDetailResponse> {
    return this.incidents.act(user.id, id, 'resolve');
  }

  @Post(':incident_id/reopen')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: IncidentDetailResponse })
  @ApiResponse({ status: 409, description: 'Not resolved, or another open incident covers the same entities' })
  reopen(
    @CurrentUser() user: AuthUser,
    @Param('incident_id', ParseUUIDPipe) id: string,
  ): Promise<IncidentDetailResponse> {
    return this.incidents.act(user.id, id, 'reopen');
  }
}
