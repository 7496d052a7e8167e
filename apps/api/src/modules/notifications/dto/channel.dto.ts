import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CHANNEL_TYPES,
  ChannelLastResult,
  ChannelSettings,
  ChannelTestResult,
  ChannelType,
  ChannelView,
  CreateChannelRequest,
  CreatedChannelView,
  UpdateChannelRequest,
} from '@mozaic/contracts';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const SETTINGS_DOC =
  'Per type — slack, teams: {url} (the incoming/workflow webhook URL, secret); webhook: {url} (a signing secret is made and shown once); ' +
  'email: {to: [addresses]}; pagerduty: {routing_key (secret), url?}; opsgenie: {api_key (secret), url? e.g. https://api.eu.opsgenie.com}. ' +
  'Secrets are stored encrypted and shown masked.';

export class CreateChannelDto implements CreateChannelRequest {
  @ApiProperty({ maxLength: 100, example: 'on-call Slack' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: CHANNEL_TYPES })
  @IsIn(CHANNEL_TYPES, { message: `type must be one of ${CHANNEL_TYPES.join(', ')}` })
  type!: ChannelType;

  @ApiProperty({ type: 'object', additionalProperties: true, description: SETTINGS_DOC })
  @IsObject({ message: 'settings must be an object' })
  settings!: ChannelSettings;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateChannelDto implements UpdateChannelRequest {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: `${SETTINGS_DOC} A secret left out is kept.`,
  })
  @IsOptional()
  @IsObject({ message: 'settings must be an object' })
  settings?: ChannelSettings;
}

export class ChannelLastResultResponse implements ChannelLastResult {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ nullable: true, type: Number }) status!: number | null;
  @ApiProperty() answer!: string;
}

export class ChannelResponse implements ChannelView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type!: ChannelType;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Plain settings, and each secret masked' })
  settings!: Record<string, string | string[]>;
  @ApiProperty({ type: ChannelLastResultResponse, nullable: true }) last_result!: ChannelLastResult | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;

  static from(c: NotificationChannelEntity): ChannelResponse {
    return {
      id: c.id,
      project_id: c.projectId,
      name: c.name,
      type: c.type,
      enabled: c.enabled,
      settings: { ...c.settings, ...c.secretHints },
      last_result: c.lastResult,
      created_at: c.createdAt.toISOString(),
      updated_at: c.updatedAt.toISOString(),
    };
  }
}

export class CreatedChannelResponse extends ChannelResponse implements CreatedChannelView {
  @ApiPropertyOptional({ description: 'webhook channels: the signing secret, shown this once (X-Mozaic-Signature)' })
  signing_secret?: string;
}

export class ChannelTestResponse implements ChannelTestResult {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: "The receiver's HTTP status (or SMTP reply code)" })
  status!: number | null;
  @ApiProperty({ description: 'What the receiver answered (cut), or why it was not reached' }) answer!: string;
  @ApiProperty() duration_ms!: number;
}
