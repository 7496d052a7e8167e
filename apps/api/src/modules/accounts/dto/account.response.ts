import { ApiProperty } from '@nestjs/swagger';
import { Account, AccountConfig, ACCOUNT_STATUSES, AccountStatus, SERVICE_TYPES, ServiceType } from '@mozaic/contracts';
import { AccountConnectionEntity } from '../entities/account-connection.entity';

/** An account as shown: never the credentials, only a masked hint. */
export class AccountResponse implements Account {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) service_type!: ServiceType;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  config!: AccountConfig;
  @ApiProperty({ example: '••••a1b2' }) credentials_hint!: string;
  @ApiProperty({ enum: ACCOUNT_STATUSES }) status!: AccountStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  last_tested!: string | null;
  @ApiProperty({ nullable: true, type: String }) last_error!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  last_collected_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(a: AccountConnectionEntity): AccountResponse {
    return {
      id: a.id,
      project_id: a.projectId,
      service_type: a.serviceType,
      name: a.name,
      config: a.config,
      credentials_hint: a.credentialsHint,
      status: a.status,
      last_tested: a.lastTested?.toISOString() ?? null,
      last_error: a.lastError,
      last_collected_at: a.lastCollectedAt?.toISOString() ?? null,
      created_at: a.createdAt.toISOString(),
    };
  }
}
