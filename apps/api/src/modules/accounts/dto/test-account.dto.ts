import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AccountConfig, AccountCredentials, SERVICE_TYPES, ServiceType, TestAccountRequest } from '@mozaic/contracts';
import { MatchesServiceType } from '../credentials/matches-service-type.validator';

/** The connect form's source fields, tested before anything is saved. */
export class TestAccountDto implements TestAccountRequest {
  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES, { message: `service_type must be one of ${SERVICE_TYPES.join(', ')}` })
  service_type!: ServiceType;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As in POST /accounts (write-only)' })
  @MatchesServiceType('credentials')
  credentials!: AccountCredentials;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'As in POST /accounts' })
  @MatchesServiceType('config', { missingAsEmpty: true })
  config?: AccountConfig;
}
