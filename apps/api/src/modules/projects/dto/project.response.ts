import { ApiProperty } from '@nestjs/swagger';
import { Project, Severity } from '@mozaic/contracts';
import { DEFAULT_GROUP_INTERVAL_S, ProjectEntity } from '../entities/project.entity';
import { AppConfig } from '../../../config/app-config';

export type SeverityCounts = Record<Severity, number>;

export const NO_INCIDENTS: SeverityCounts = {
  low: 0,
  medium: 0,
  high: 0,
  critical: 0,
};

/** The operator's defaults (AppConfig.retention). */
export type RetentionDefaults = AppConfig['retention'];

export class ProjectResponse implements Project {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'uuid' }) user_id!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ description: 'Correlation window in minutes' }) correlation_window_minutes!: number;
  @ApiProperty({ description: 'Seconds between two notification updates of one incident (at most one per interval)' })
  notification_group_interval_s!: number;
  @ApiProperty({
    example: { deliveries_days: 14, signals_days: 30, incidents_days: 400 },
    description:
      "Days kept: raw deliveries, signals, resolved incidents (the project's own, else the operator's defaults)",
  })
  retention!: Project['retention'];
  @ApiProperty({
    example: NO_INCIDENTS,
    description: 'Open incidents by severity',
  })
  open_incidents!: SeverityCounts;

  static from(p: ProjectEntity, defaults: RetentionDefaults, open: SeverityCounts = NO_INCIDENTS): ProjectResponse {
    return {
      id: p.id,
      name: p.name,
      description: p.description,
      user_id: p.userId,
      created_at: p.createdAt.toISOString(),
      updated_at: p.updatedAt.toISOString(),
      correlation_window_minutes: Math.round((p.settings.correlation_window_s ?? 600) / 60),
      notification_group_interval_s: p.settings.notification_group_interval_s ?? DEFAULT_GROUP_INTERVAL_S,
      retention: {
        deliveries_days: p.settings.retention_deliveries_days ?? defaults.deliveriesDays,
        signals_days: p.settings.retention_signals_days ?? defaults.signalsDays,
        incidents_days: p.settings.retention_incidents_days ?? defaults.incidentsDays,
      },
      open_incidents: { ...open },
    };
  }
}
