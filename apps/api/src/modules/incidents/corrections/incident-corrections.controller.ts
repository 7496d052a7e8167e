import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../../common/decorators/current-user.decorator';
import { InvalidInputError } from '../../../common/errors';
import { CorrelationRuleResponse, DeclareRuleDto, MergeIncidentDto, MoveAlertDto } from '../dto/correction.dto';
import { CorrelationRuleEntity } from '../entities/correlation-rule.entity';
import { IncidentDetailResponse } from '../dto/incident.response';
import { IncidentsService } from '../incidents.service';
import { IncidentCorrections } from './incident-corrections.service';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller()
export class IncidentCorrectionsController {
  constructor(
    private readonly corrections: IncidentCorrections,
    private readonly incidents: IncidentsService,
  ) {}

  @Post('incidents/:incident_id/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge this incident into another of the project',
    description: 'Recorded with who and when; the two incidents’ entities are grouped together from then on.',
  })
  @ApiResponse({ status: 200, type: IncidentDetailResponse, description: 'The surviving incident' })
  @ApiResponse({ status: 409, description: 'One of them was already merged away' })
  async merge(
    @CurrentUser() user: AuthUser,
    @Param('incident_id', ParseUUIDPipe) id: string,
    @Body() body: MergeIncidentDto,
  ): Promise<IncidentDetailResponse> {
    const { incidentId } = await this.corrections.merge(user, id, body.into);
    return this.incidents.get(user.id, incidentId);
  }

  @Post('incidents/:incident_id/alerts/:alert_id/move')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move an alert to another incident (`to`) or a new one (`new: true`)',
    description: 'Recorded with who and when; the alert’s entity is kept apart from what it left from then on.',
  })
  @ApiResponse({ status: 200, type: IncidentDetailResponse, description: 'The incident the alert is in now' })
  async move(
    @CurrentUser() user: AuthUser,
    @Param('incident_id', ParseUUIDPipe) id: string,
    @Param('alert_id', ParseUUIDPipe) alertId: string,
    @Body() body: MoveAlertDto,
  ): Promise<IncidentDetailResponse> {
    if ((body.to === undefined) === (body.new === undefined))
      throw new InvalidInputError('Give exactly one of to (an incident id) and new: true');
    const { incidentId } = await this.corrections.move(user, id, alertId, body.to ?? null);
    return this.incidents.get(user.id, incidentId);
  }

  @Get('projects/:project_id/correlation-rules')
  @ApiOperation({ summary: 'Rules learned from corrections (newest first)' })
  @ApiResponse({ status: 200, type: [CorrelationRuleResponse] })
  async rules(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
  ): Promise<CorrelationRuleResponse[]> {
    return (await this.corrections.rules(user.id, projectId)).map(ruleView);
  }

  @Post('projects/:project_id/correlation-rules')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Declare a dependency (together) or a separation (apart) between two entities',
    description: 'Later groupings honour it and cite it, like a rule learned from a correction.',
  })
  @ApiResponse({ status: 201, type: CorrelationRuleResponse })
  async declare(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Body() body: DeclareRuleDto,
  ): Promise<CorrelationRuleResponse> {
    return ruleView(await this.corrections.declare(user, projectId, body.key_a, body.key_b, body.relation));
  }

  @Delete('projects/:project_id/correlation-rules/:rule_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Forget a learned rule' })
  async forget(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
    @Param('rule_id', ParseUUIDPipe) ruleId: string,
  ): Promise<void> {
    await this.corrections.forget(user.id, projectId, ruleId);
  }
}

function ruleView(r: CorrelationRuleEntity): CorrelationRuleResponse {
  return {
    id: r.id,
    key_a: r.keyA,
    key_b: r.keyB,
    relation: r.relation,
    learned_from: r.learnedFrom,
    created_at: r.createdAt.toISOString(),
  };
}
