import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  AccountConfig,
  AccountCredentials,
  ConnectAccountRequest,
  SERVICE_TYPES,
  ServiceType,
} from '@mozaic/contracts';
import { MatchesServiceType } from '../credentials/matches-service-type.validator';

export class ConnectAccountDto implements ConnectAccountRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'project_id must be a UUID' })
  project_id!: string;

  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES, {
    message: `service_type must be one of ${SERVICE_TYPES.join(', ')}`,
  })
  service_type!: ServiceType;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'A name for people; defaults to the service type',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Write-only. kubernetes: {kubeconfig} or {server, token, ca_cert?}; docker: {host, tls_ca?, tls_cert?, tls_key?}; ' +
      'cloudwatch: {access_key_id, secret_access_key, session_token?}; grafana: {token}; sentry: {auth_token, client_secret?}',
  })
  @MatchesServiceType('credentials')
  credentials!: AccountCredentials;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'interval_seconds?; kubernetes: {namespaces?, context?}; cloudwatch: {region, endpoint?, log_group_names?, filter_pattern?}; ' +
      'grafana: {base_url}; sentry: {organization, base_url?, projects?}',
  })
  @MatchesServiceType('config', { missingAsEmpty: true })
  config?: AccountConfig;
}
