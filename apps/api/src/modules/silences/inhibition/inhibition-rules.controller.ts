import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../../common/decorators/current-user.decorator';
import { CreateInhibitionRuleDto, InhibitionRuleResponse } from './inhibition-rule.dto';
import { InhibitionRulesService } from './inhibition-rules.service';

@ApiTags('silences')
@ApiBearerAuth()
@Controller()
export class InhibitionRulesController {
  constructor(private readonly rules: InhibitionRulesService) {}

  @Get('projects/:project_id/inhibition-rules')
  @ApiResponse({ status: 200, type: [InhibitionRuleResponse] })
  list(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
  ): Promise<InhibitionRuleResponse[]> {
    return this.rules.list(user.id, projectId);
  }

  @Post('projects/:project_id/inhibition-rules')
  @ApiOperation({
    summary: 'Add an inhibition rule (or switch on a preset: node-down, critical-over-warning)',
    description:
      'While a source alert fires, target alerts with equal values of the `equal` labels are inhibited: kept, shown, not notified.',
  })
  @ApiResponse({ status: 201, type: InhibitionRuleResponse })
  create(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() dto: CreateInhibitionRuleDto,
  ): Promise<InhibitionRuleResponse> {
    return this.rules.create(user.id, projectId, dto);
  }

  @Delete('inhibition-rules/:rule_id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('rule_id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rules.remove(user.id, id);
  }
}
