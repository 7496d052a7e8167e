import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitQuery } from '../../../common/dto/page.query';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  INCIDENT_STATUSES,
  IncidentStatus,
  ListIncidentsQuery,
  SEVERITIES,
  Severity,
  SIGNAL_SOURCES,
  SignalSource,
} from '@mozaic/contracts';

/** Accepts ?severity=high,critical as well as ?severity=high&severity=critical. */
const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);

export class ListIncidentsQueryDto extends LimitQuery implements ListIncidentsQuery {
  @ApiPropertyOptional({
    enum: SEVERITIES,
    isArray: true,
    description: 'One or more, comma-separated',
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(SEVERITIES, {
    each: true,
    message: `severity must be among ${SEVERITIES.join(', ')}`,
  })
  severity?: Severity[];

  @ApiPropertyOptional({
    enum: INCIDENT_STATUSES,
    isArray: true,
    description: 'One or more, comma-separated',
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(INCIDENT_STATUSES, {
    each: true,
    message: `status must be among ${INCIDENT_STATUSES.join(', ')}`,
  })
  status?: IncidentStatus[];

  @ApiPropertyOptional({ enum: SIGNAL_SOURCES })
  @IsOptional()
  @IsIn([...SIGNAL_SOURCES, 'multiple'], {
    message: `source must be one of ${SIGNAL_SOURCES.join(', ')}, multiple`,
  })
  source?: SignalSource;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Incidents at or after this time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Incidents before this time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only suppressed incidents (every firing alert silenced); by default they are left out',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean({ message: 'suppressed must be true or false' })
  suppressed?: boolean;

  @ApiPropertyOptional({
    description: 'Case-insensitive search in the title',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    description: 'The X-Next-Cursor header of the previous page',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, {
    message: 'cursor is not a valid page cursor',
  })
  cursor?: string;
}
