import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CreateSilenceRequest,
  LabelMatcher,
  SILENCE_STATES,
  SilencePreview,
  SilenceState,
  SilenceView,
  UpdateSilenceRequest,
} from '@mozaic/contracts';
import { LabelMatcherDto } from '../../notifications/dto/route.dto';
import { SilenceEntity } from '../entities/silence.entity';
import { stateOf } from '../silence-store.service';

export class CreateSilenceDto implements CreateSilenceRequest {
  @ApiProperty({
    type: [LabelMatcherDto],
    description: 'All must match: an alert label, an entity, alertname, source or severity',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'matchers: a silence needs at least one matcher' })
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherDto)
  matchers!: LabelMatcherDto[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'starts_at must be an ISO 8601 date-time' })
  starts_at?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Required unless until_resolved is given' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'ends_at must be an ISO 8601 date-time' })
  ends_at?: string;

  @ApiProperty({ maxLength: 2000, example: 'db upgrade' })
  @IsString()
  @MaxLength(2000)
  comment!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Until resolved: expires when this incident of the project resolves',
  })
  @IsOptional()
  @IsUUID('all', { message: 'until_resolved must be an incident id (uuid)' })
  until_resolved?: string;
}

export class UpdateSilenceDto implements UpdateSilenceRequest {
  @ApiPropertyOptional({ type: [LabelMatcherDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherDto)
  matchers?: LabelMatcherDto[];

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'starts_at must be an ISO 8601 date-time' })
  starts_at?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'ends_at must be an ISO 8601 date-time' })
  ends_at?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ListSilencesQuery {
  @ApiPropertyOptional({ enum: SILENCE_STATES })
  @IsOptional()
  @IsIn(SILENCE_STATES, { message: `state must be one of ${SILENCE_STATES.join(', ')}` })
  state?: SilenceState;
}

export class SilenceResponse implements SilenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty({ type: [LabelMatcherDto] }) matchers!: LabelMatcher[];
  @ApiProperty({ format: 'date-time' }) starts_at!: string;
  @ApiProperty({ format: 'date-time' }) ends_at!: string;
  @ApiProperty() created_by!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) until_resolved!: string | null;
  @ApiProperty({ enum: SILENCE_STATES }) state!: SilenceState;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;

  static from(s: SilenceEntity, now = Date.now()): SilenceResponse {
    return {
      id: s.id,
      project_id: s.projectId,
      matchers: s.matchers,
      starts_at: s.startsAt.toISOString(),
      ends_at: s.endsAt.toISOString(),
      created_by: s.createdBy,
      comment: s.comment,
      until_resolved: s.untilIncidentId,
      state: stateOf(s, now),
      created_at: s.createdAt.toISOString(),
      updated_at: s.updatedAt.toISOString(),
    };
  }
}

export class AlertmanagerTokenResponse {
  @ApiProperty({ description: 'Shown once: Bearer token of the Alertmanager API (amtool, Prometheus, Grafana)' })
  token!: string;
  @ApiProperty({ example: 'https://mozaic.example.com/alertmanager/5d1c…' })
  base_url!: string;
}

export class PreviewSilenceDto {
  @ApiProperty({ type: [LabelMatcherDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'matchers: give at least one matcher' })
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherDto)
  matchers!: LabelMatcherDto[];
}

class PreviewAlertResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) incident_id!: string | null;
}

export class SilencePreviewResponse implements SilencePreview {
  @ApiProperty({ description: 'Firing alerts the matchers match now' }) count!: number;
  @ApiProperty({ type: [PreviewAlertResponse], description: 'The first 20 of them' }) alerts!: PreviewAlertResponse[];
}
