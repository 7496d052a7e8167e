import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsOptional, IsUUID } from 'class-validator';
import { CorrelationRuleView, MergeIncidentRequest, MoveAlertRequest } from '@mozaic/contracts';

export class MergeIncidentDto implements MergeIncidentRequest {
  @ApiProperty({ format: 'uuid', description: 'The incident that absorbs this one (it keeps its id)' })
  @IsUUID('all', { message: 'into must be an incident id (uuid)' })
  into!: string;
}

/** Exactly one of `to` (an incident of the same project) and `new: true`. */
export class MoveAlertDto implements MoveAlertRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The incident the alert moves to' })
  @IsOptional()
  @IsUUID('all', { message: 'to must be an incident id (uuid)' })
  to?: string;

  @ApiPropertyOptional({ description: 'true: the alert moves to a new incident of its own' })
  @IsOptional()
  @Equals(true, { message: 'new must be true when given' })
  new?: true;
}

export class CorrelationRuleResponse implements CorrelationRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'service:checkout' }) key_a!: string;
  @ApiProperty({ example: 'service:checkout-worker' }) key_b!: string;
  @ApiProperty({ enum: ['together', 'apart'] }) relation!: 'together' | 'apart';
  @ApiProperty({ description: 'Who made the correction, and when' }) learned_from!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}
