import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  CHANNEL_TYPES,
  ChannelType,
  NOTIFICATION_EVENTS,
  NOTIFICATION_STATUSES,
  NotificationAttemptView,
  NotificationEvent,
  NotificationStatus,
  NotificationView,
  UpdateChange,
} from '@mozaic/contracts';

export class NotificationAttemptResponse implements NotificationAttemptView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: Number }) status!: number | null;
  @ApiProperty({ enum: ['sent', 'retry', 'failed'] }) outcome!: 'sent' | 'retry' | 'failed';
  @ApiProperty() answer!: string;
  @ApiProperty() duration_ms!: number;
}

export class NotificationResponse implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty({ format: 'uuid' }) incident_id!: string;
  @ApiProperty({ format: 'uuid' }) channel_id!: string;
  @ApiProperty() channel_name!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) channel_type!: ChannelType;
  @ApiProperty({ enum: NOTIFICATION_EVENTS }) event!: NotificationEvent;
  @ApiProperty({ enum: ['alerts_added', 'severity_raised'], nullable: true }) change!: UpdateChange | null;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status!: NotificationStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) due_at!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sent_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) last_error!: string | null;
  @ApiProperty({ type: [NotificationAttemptResponse] }) log!: NotificationAttemptView[];
}

/** Filters of the delivery log; newest first, keyset paging by `before` (a notification's seq from X-Next-Cursor). */
export class ListNotificationsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'channel_id must be a uuid' })
  channel_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'incident_id must be a uuid' })
  incident_id?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES, { message: `status must be one of ${NOTIFICATION_STATUSES.join(', ')}` })
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_EVENTS })
  @IsOptional()
  @IsIn(NOTIFICATION_EVENTS, { message: `event must be one of ${NOTIFICATION_EVENTS.join(', ')}` })
  event?: NotificationEvent;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The X-Next-Cursor of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'cursor must come from X-Next-Cursor' })
  @Min(1)
  cursor?: number;
}
