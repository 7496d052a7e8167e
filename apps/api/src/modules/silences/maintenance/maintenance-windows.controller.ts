import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../../common/decorators/current-user.decorator';
import { CreateMaintenanceWindowDto, MaintenanceWindowResponse } from './maintenance-window.dto';
import { MaintenanceWindowsService } from './maintenance-windows.service';

@ApiTags('silences')
@ApiBearerAuth()
@Controller()
export class MaintenanceWindowsController {
  constructor(private readonly windows: MaintenanceWindowsService) {}

  @Get('projects/:project_id/maintenance-windows')
  @ApiResponse({ status: 200, type: [MaintenanceWindowResponse] })
  list(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
  ): Promise<MaintenanceWindowResponse[]> {
    return this.windows.list(user.id, projectId);
  }

  @Post('projects/:project_id/maintenance-windows')
  @ApiOperation({
    summary:
      'Schedule a maintenance window, once or recurring (RRULE, in a time zone): matching alerts behave as silenced during it',
  })
  @ApiResponse({ status: 201, type: MaintenanceWindowResponse })
  create(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() dto: CreateMaintenanceWindowDto,
  ): Promise<MaintenanceWindowResponse> {
    return this.windows.create(user, projectId, dto);
  }

  @Delete('maintenance-windows/:window_id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('window_id', ParseUUIDPipe) id: string): Promise<void> {
    return this.windows.remove(user.id, id);
  }
}
