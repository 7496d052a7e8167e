import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CreateMaintenanceWindowRequest, LabelMatcher, MaintenanceWindowView } from '@mozaic/contracts';
import { LabelMatcherDto } from '../../notifications/dto/route.dto';
import { MaintenanceWindowEntity } from '../entities/maintenance-window.entity';
import { nextOccurrence, occurrences } from './window-schedule';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateMaintenanceWindowDto implements CreateMaintenanceWindowRequest {
  @ApiProperty({ maxLength: 200, example: 'weekly db maintenance' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [LabelMatcherDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'matchers: a window needs at least one matcher' })
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherDto)
  matchers!: LabelMatcherDto[];

  @ApiProperty({ example: '2026-12-06T02:00', description: 'Local wall-clock start of the first occurrence' })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: 'start_local must look like 2026-12-06T02:00' })
  start_local!: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  @IsString()
  @MaxLength(64)
  timezone!: string;

  @ApiProperty({ minimum: 1, maximum: 10080, example: 120 })
  @IsInt()
  @Min(1)
  @Max(10080)
  duration_minutes!: number;

  @ApiPropertyOptional({
    nullable: true,
    example: 'FREQ=WEEKLY;BYDAY=SU',
    description: 'RFC 5545 RRULE without DTSTART; none: once',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  rrule?: string | null;
}

class OccurrenceResponse {
  @ApiProperty({ format: 'date-time' }) starts_at!: string;
  @ApiProperty({ format: 'date-time' }) ends_at!: string;
}

export class MaintenanceWindowResponse implements MaintenanceWindowView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [LabelMatcherDto] }) matchers!: LabelMatcher[];
  @ApiProperty() start_local!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty() duration_minutes!: number;
  @ApiProperty({ nullable: true, type: String }) rrule!: string | null;
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: OccurrenceResponse, nullable: true }) active!: OccurrenceResponse | null;
  @ApiProperty({ type: OccurrenceResponse, nullable: true }) next!: OccurrenceResponse | null;

  static from(w: MaintenanceWindowEntity, now = Date.now()): MaintenanceWindowResponse {
    const span = ([s, e]: [number, number]) => ({
      starts_at: new Date(s).toISOString(),
      ends_at: new Date(e).toISOString(),
    });
    const current = occurrences(w, now, now).find(([s, e]) => s <= now && now < e);
    const upcoming = nextOccurrence(w, now);
    return {
      id: w.id,
      project_id: w.projectId,
      name: w.name,
      matchers: w.matchers,
      start_local: w.startLocal,
      timezone: w.timezone,
      duration_minutes: w.durationMinutes,
      rrule: w.rrule,
      created_by: w.createdBy,
      created_at: w.createdAt.toISOString(),
      active: current ? span(current) : null,
      next: upcoming ? span(upcoming) : null,
    };
  }
}
