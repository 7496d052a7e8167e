import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { TOTAL_COUNT_HEADER } from '@mozaic/contracts';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { PageQuery } from '../../common/dto/page.query';
import { CreateProjectDto, UpdateProjectDto } from './dto/create-project.dto';
import { ProjectResponse } from './dto/project.response';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @ApiResponse({ status: 201, type: ProjectResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProjectDto): Promise<ProjectResponse> {
    return this.projects.create(user.id, dto);
  }

  @Get()
  @ApiResponse({ status: 200, type: [ProjectResponse] })
  @ApiHeader({
    name: TOTAL_COUNT_HEADER,
    description: 'Total number of projects (response header)',
  })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() page: PageQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProjectResponse[]> {
    const { items, total } = await this.projects.list(user.id, page);
    res.setHeader(TOTAL_COUNT_HEADER, String(total));
    return items;
  }

  @Get(':project_id')
  @ApiResponse({ status: 200, type: ProjectResponse })
  get(@CurrentUser() user: AuthUser, @Param('project_id', ParseUUIDPipe) id: string): Promise<ProjectResponse> {
    return this.projects.get(user.id, id);
  }

  @Put(':project_id')
  @ApiResponse({ status: 200, type: ProjectResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<ProjectResponse> {
    return this.projects.update(user.id, id, dto);
  }

  @Delete(':project_id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('project_id', ParseUUIDPipe) id: string): Promise<void> {
    return this.projects.remove(user.id, id);
  }
}
