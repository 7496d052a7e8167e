import { ApiProperty } from '@nestjs/swagger';
import { AlertStatus, IncidentSignal, Severity, SignalSource } from '@mozaic/contracts';
import { SignalEntity } from '../entities/signal.entity';

export class IncidentSignalResponse implements IncidentSignal {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) alert_id!: string | null;
  @ApiProperty() source!: SignalSource;
  @ApiProperty({ format: 'date-time' }) occurred_at!: string;
  @ApiProperty() severity!: Severity;
  @ApiProperty() status!: AlertStatus;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The payload as the source sent it' }) raw!: unknown;

  static from(s: SignalEntity): IncidentSignalResponse {
    return {
      id: s.id,
      alert_id: s.alertId,
      source: s.source as SignalSource,
      occurred_at: s.occurredAt.toISOString(),
      severity: s.severity as Severity,
      status: s.status as AlertStatus,
      title: s.title,
      raw: s.raw,
    };
  }
}
