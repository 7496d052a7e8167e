import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { INBOUND_EVENT_STATUSES, InboundEvent, InboundEventStatus } from '@mozaic/contracts';
import { InboundEventEntity } from '../entities/inbound-event.entity';

export class ListInboundEventsQuery {
  @ApiPropertyOptional({ enum: INBOUND_EVENT_STATUSES })
  @IsOptional()
  @IsIn(INBOUND_EVENT_STATUSES, { message: `status must be one of ${INBOUND_EVENT_STATUSES.join(', ')}` })
  status?: InboundEventStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

export class InboundEventResponse implements InboundEvent {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ nullable: true, type: String }) kind!: string | null;
  @ApiProperty({ enum: INBOUND_EVENT_STATUSES }) status!: InboundEventStatus;
  @ApiProperty({ format: 'date-time' }) received_at!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) processed_at!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) last_error!: string | null;
  @ApiProperty() signal_count!: number;

  static from(
    e: Pick<
      InboundEventEntity,
      | 'id'
      | 'projectId'
      | 'source'
      | 'kind'
      | 'status'
      | 'receivedAt'
      | 'processedAt'
      | 'attempts'
      | 'lastError'
      | 'signalCount'
    >,
  ): InboundEventResponse {
    return {
      id: e.id,
      project_id: e.projectId,
      source: e.source,
      kind: e.kind,
      status: e.status,
      received_at: e.receivedAt.toISOString(),
      processed_at: e.processedAt?.toISOString() ?? null,
      attempts: e.attempts,
      last_error: e.lastError,
      signal_count: e.signalCount,
    };
  }
}
