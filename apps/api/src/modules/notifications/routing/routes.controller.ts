import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../../common/decorators/current-user.decorator';
import { CreateRouteDto, RouteResponse, UpdateRouteDto } from '../dto/route.dto';
import { RoutesService } from './routes.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Get('projects/:project_id/routes')
  @ApiOperation({ summary: 'Routing rules, in the order they are tried' })
  @ApiResponse({ status: 200, type: [RouteResponse] })
  list(@CurrentUser() user: AuthUser, @Param('project_id', ParseUUIDPipe) projectId: string): Promise<RouteResponse[]> {
    return this.routes.list(user.id, projectId);
  }

  @Post('projects/:project_id/routes')
  @ApiOperation({
    summary: 'Add a routing rule',
    description:
      'Rules are tried by position: a matching rule notifies its channels and stops unless continue; ' +
      'the default rule is used when no other matched. Matchers like Alertmanager’s (=, !=, =~, !~ with RE2, anchored).',
  })
  @ApiResponse({ status: 201, type: RouteResponse })
  @ApiResponse({ status: 409, description: 'A second default route' })
  create(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() dto: CreateRouteDto,
  ): Promise<RouteResponse> {
    return this.routes.create(user.id, projectId, dto);
  }

  @Patch('routes/:route_id')
  @ApiResponse({ status: 200, type: RouteResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('route_id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRouteDto,
  ): Promise<RouteResponse> {
    return this.routes.update(user.id, id, dto);
  }

  @Delete('routes/:route_id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('route_id', ParseUUIDPipe) id: string): Promise<void> {
    return this.routes.remove(user.id, id);
  }
}
