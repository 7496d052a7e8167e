import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CreateProjectRequest, UpdateProjectRequest } from '@mozaic/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateProjectDto implements CreateProjectRequest {
  @ApiProperty({ maxLength: 200, example: 'checkout' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, default: 10, description: 'Correlation window in minutes' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  correlation_window_minutes?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 86400,
    default: 300,
    description:
      "After an incident's first notification, further alerts are batched into one update per this many seconds",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86400)
  notification_group_interval_s?: number;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Days to keep raw deliveries (default RETENTION_DELIVERIES_DAYS, 14)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_500)
  retention_deliveries_days?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Days to keep signals (default RETENTION_SIGNALS_DAYS, 30)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_500)
  retention_signals_days?: number;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Days to keep resolved incidents and their alerts (default RETENTION_INCIDENTS_DAYS, 400)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_500)
  retention_incidents_days?: number;
}

export class UpdateProjectDto extends PartialType(CreateProjectDto) implements UpdateProjectRequest {}
