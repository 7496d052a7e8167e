import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { CorrelationRuleView, DeclareRuleRequest, MergeIncidentRequest, MoveAlertRequest } from '@mozaic/contracts';

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

const ENTITY_KEY = /^(service|host|alarm|endpoint):[^\s]{1,400}$/;

/** A dependency (or a separation) a person declares for a project. */
export class DeclareRuleDto implements DeclareRuleRequest {
  @ApiProperty({
    example: 'service:checkout',
    description: 'An entity key: service:, host:, alarm: or endpoint: and a name',
  })
  @MaxLength(500)
  @Matches(ENTITY_KEY, { message: 'key_a must be an entity key such as service:checkout' })
  key_a!: string;

  @ApiProperty({ example: 'service:ledger-db' })
  @MaxLength(500)
  @Matches(ENTITY_KEY, { message: 'key_b must be an entity key such as service:ledger-db' })
  key_b!: string;

  @ApiProperty({ enum: ['together', 'apart'] })
  @IsIn(['together', 'apart'], { message: 'relation must be together or apart' })
  relation!: 'together' | 'apart';
}
