import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CreateRouteRequest,
  LABEL_NAME,
  LabelMatcher,
  MATCH_OPERATORS,
  MatchOperator,
  NOTIFICATION_EVENTS,
  NotificationEvent,
  RouteView,
  Severity,
  SEVERITIES,
  UpdateRouteRequest,
} from '@mozaic/contracts';
import { MAX_PATTERN_LENGTH } from '../routing/label-matcher';
import { NotificationRouteEntity } from '../entities/notification-route.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LabelMatcherDto implements LabelMatcher {
  @ApiProperty({
    example: 'service',
    description: 'An entity (service, namespace, host, cluster, …), source, severity or another label',
  })
  @IsString()
  @Matches(LABEL_NAME, { message: 'matchers[].name must be a label name such as service' })
  name!: string;

  @ApiProperty({ enum: MATCH_OPERATORS })
  @IsIn(MATCH_OPERATORS, { message: `matchers[].op must be one of ${MATCH_OPERATORS.join(' ')}` })
  op!: MatchOperator;

  @ApiProperty({ example: 'checkout|payments', description: '=~ and !~: an RE2 expression, anchored' })
  @IsString()
  @MaxLength(MAX_PATTERN_LENGTH)
  value!: string;
}

export class CreateRouteDto implements CreateRouteRequest {
  @ApiProperty({ maxLength: 100, example: 'critical to PagerDuty' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ description: 'Order among the project’s rules (default: last)', minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;

  @ApiPropertyOptional({ enum: SEVERITIES, nullable: true, description: 'Incidents of at least this severity' })
  @IsOptional()
  @IsIn([...SEVERITIES, null], { message: `severity_at_least must be one of ${SEVERITIES.join(', ')} or null` })
  severity_at_least?: Severity | null;

  @ApiPropertyOptional({ enum: NOTIFICATION_EVENTS, isArray: true, description: 'Changes it matches (empty: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_EVENTS.length)
  @IsIn(NOTIFICATION_EVENTS, { each: true, message: `events must be among ${NOTIFICATION_EVENTS.join(', ')}` })
  events?: NotificationEvent[];

  @ApiPropertyOptional({ type: [LabelMatcherDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherDto)
  matchers?: LabelMatcherDto[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Channels of the project to notify' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'channel_ids must be channel ids (uuid)' })
  channel_ids!: string[];

  @ApiPropertyOptional({ default: false, description: 'After a match, go on trying the next rules' })
  @IsOptional()
  @IsBoolean()
  continue?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'The default route, used when no other rule matched (one per project)',
  })
  @IsOptional()
  @IsBoolean()
  is_default?: boolean;
}

export class UpdateRouteDto extends PartialType(CreateRouteDto) implements UpdateRouteRequest {}

export class RouteResponse implements RouteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ enum: SEVERITIES, nullable: true }) severity_at_least!: Severity | null;
  @ApiProperty({ enum: NOTIFICATION_EVENTS, isArray: true }) events!: NotificationEvent[];
  @ApiProperty({ type: [LabelMatcherDto] }) matchers!: LabelMatcher[];
  @ApiProperty({ type: [String], format: 'uuid' }) channel_ids!: string[];
  @ApiProperty() continue!: boolean;
  @ApiProperty() is_default!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(r: NotificationRouteEntity): RouteResponse {
    return {
      id: r.id,
      project_id: r.projectId,
      name: r.name,
      position: r.position,
      severity_at_least: r.severityAtLeast,
      events: r.events,
      matchers: r.matchers,
      channel_ids: r.channelIds,
      continue: r.continueMatching,
      is_default: r.isDefault,
      created_at: r.createdAt.toISOString(),
    };
  }
}
