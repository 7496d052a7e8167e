import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { FetchRunResponse } from './runs/dto/fetch-run.response';
import { FetchRunsService } from './runs/fetch-runs.service';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents/fetch')
export class OrchestratorController {
  constructor(private readonly runs: FetchRunsService) {}

  @Post(':project_id')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Fetch now: collect from every active (or failing) account of the project',
    description:
      'Returns a handle; GET /incidents/fetch/runs/{id} shows each account pending, done with counts, or failed.',
  })
  @ApiResponse({ status: 202, type: FetchRunResponse })
  start(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
  ): Promise<FetchRunResponse> {
    return this.runs.start(user.id, projectId);
  }

  @Get('runs/:run_id')
  @ApiResponse({ status: 200, type: FetchRunResponse })
  get(@CurrentUser() user: AuthUser, @Param('run_id', ParseUUIDPipe) runId: string): Promise<FetchRunResponse> {
    return this.runs.get(user.id, runId);
  }
}
