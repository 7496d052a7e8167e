import { ApiProperty } from '@nestjs/swagger';
import {
  ALERT_STATUSES,
  AlertStatus,
  EntityLabels,
  INCIDENT_STATUSES,
  CorrelationData,
  IncidentDetail,
  IncidentLogLine,
  IncidentMember,
  IncidentStatus,
  LogTemplate,
  IncidentSummary,
  MembershipReason,
  SEVERITIES,
  Severity,
  SIGNAL_SOURCES,
  SignalSource,
} from '@mozaic/contracts';
import { AlertEntity } from '../entities/alert.entity';
import { IncidentEntity } from '../entities/incident.entity';

export class IncidentSummaryResponse implements IncidentSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty({ description: 'Main source, or "multiple"' }) source!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time', description: 'When the incident began' })
  timestamp!: string;
  @ApiProperty() resolved!: boolean;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: IncidentStatus;
  @ApiProperty({ enum: SIGNAL_SOURCES, isArray: true })
  sources!: SignalSource[];
  @ApiProperty() alert_count!: number;
  @ApiProperty() signal_count!: number;
  @ApiProperty({ format: 'date-time' }) last_seen!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ description: 'Every firing alert is silenced: it notifies nobody, listed only with ?suppressed=true' })
  suppressed!: boolean;

  static from(i: IncidentEntity): IncidentSummaryResponse {
    return {
      id: i.id,
      project_id: i.projectId,
      source: i.source,
      severity: i.severity,
      title: i.title,
      timestamp: i.timestamp.toISOString(),
      resolved: i.status === 'resolved',
      status: i.status,
      sources: i.sources,
      alert_count: i.alertCount,
      signal_count: i.signalCount,
      last_seen: i.lastSeen.toISOString(),
      created_at: i.createdAt.toISOString(),
      updated_at: i.updatedAt.toISOString(),
      suppressed: i.suppressed,
    };
  }
}

export class IncidentMemberResponse implements IncidentMember {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fingerprint!: string;
  @ApiProperty({ enum: SIGNAL_SOURCES }) source!: SignalSource;
  @ApiProperty({ nullable: true, type: String }) source_ref!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'A short name, e.g. "CrashLoopBackOff" or the alarm name' }) label!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ enum: ALERT_STATUSES }) status!: AlertStatus;
  @ApiProperty() count!: number;
  @ApiProperty({ format: 'date-time' }) first_seen!: string;
  @ApiProperty({ format: 'date-time' }) last_seen!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  entities!: EntityLabels;
  @ApiProperty({ nullable: true, type: String }) link!: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Silences that held it at its latest occurrence' })
  silenced_by!: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Firing alerts that inhibited it (inhibition rules)' })
  inhibited_by!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Why this alert was grouped into the incident',
  })
  reason!: MembershipReason;
  @ApiProperty({
    type: [String],
    description:
      'What keeps it quiet: silenced by "…" (who, until when), during maintenance window "…", inhibited by …',
  })
  held_because!: string[];

  static from(a: AlertEntity, reason: MembershipReason): IncidentMemberResponse {
    return {
      id: a.id,
      fingerprint: a.fingerprint,
      source: a.source,
      source_ref: a.sourceRef,
      title: a.title,
      label: a.label || a.title,
      severity: a.severity,
      status: a.status,
      count: a.count,
      first_seen: a.firstSeen.toISOString(),
      last_seen: a.lastSeen.toISOString(),
      entities: a.entities,
      link: a.link,
      silenced_by: a.silencedBy,
      inhibited_by: a.inhibitedBy,
      reason,
      held_because: [],
    };
  }
}

export class LogTemplateResponse implements LogTemplate {
  @ApiProperty({ example: 't12' }) id!: string;
  @ApiProperty({ example: 'Back-off restarting failed container <*> in pod <*>' }) template!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Member alerts of this incident that showed it' }) alerts!: number;
  @ApiProperty({ type: [String] }) examples!: string[];
  @ApiProperty({ format: 'date-time' }) first_seen!: string;
  @ApiProperty({ format: 'date-time' }) last_seen!: string;
}

export class IncidentDetailResponse extends IncidentSummaryResponse implements IncidentDetail {
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  logs_json!: IncidentLogLine[];
  @ApiProperty({ type: 'object', additionalProperties: true })
  correlation_data!: CorrelationData;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  acknowledged_at!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  resolved_at!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  previous_incident_id!: string | null;
  @ApiProperty({ type: [IncidentMemberResponse] })
  alerts!: IncidentMemberResponse[];
  @ApiProperty({ type: [LogTemplateResponse], description: "Log templates of the members' signals" })
  templates!: LogTemplateResponse[];

  static detail(
    i: IncidentEntity,
    alerts: IncidentMemberResponse[],
    templates: LogTemplateResponse[] = [],
  ): IncidentDetailResponse {
    return {
      ...IncidentSummaryResponse.from(i),
      logs_json: i.logsJson,
      correlation_data: i.correlationData,
      acknowledged_at: i.acknowledgedAt?.toISOString() ?? null,
      resolved_at: i.resolvedAt?.toISOString() ?? null,
      previous_incident_id: i.previousIncidentId,
      alerts,
      templates,
    };
  }
}
