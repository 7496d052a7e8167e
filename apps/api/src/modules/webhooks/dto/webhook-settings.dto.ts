import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RotateTokenRequest, UpdateWebhookSettingsRequest, WebhookSettings, WebhookToken } from '@mozaic/contracts';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class UpdateWebhookSettingsDto implements UpdateWebhookSettingsRequest {
  @ApiPropertyOptional({ description: "The Sentry integration's client secret (write-only; empty string clears it)" })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  sentry_client_secret?: string;

  @ApiPropertyOptional({
    description: "Grafana's HMAC secret for X-Grafana-Alerting-Signature (write-only; empty clears it)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  grafana_secret?: string;

  @ApiPropertyOptional({ type: [String], description: 'SNS topics allowed to deliver CloudWatch alarms' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, {
    each: true,
    message: 'sns_topic_arns must be SNS topic ARNs (arn:aws:sns:<region>:<account>:<topic>)',
  })
  sns_topic_arns?: string[];
}

export class WebhookUrls {
  @ApiProperty() sentry!: string;
  @ApiProperty() cloudwatch!: string;
  @ApiProperty() alertmanager!: string;
  @ApiProperty() grafana!: string;
}

export class WebhookSettingsResponse implements WebhookSettings {
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty({ type: WebhookUrls }) urls!: WebhookUrls;
  @ApiProperty({ nullable: true, type: String, description: 'Masked; the token itself is shown only when generated' })
  token_hint!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) token_created_at!: string | null;
  @ApiProperty() sentry_secret_set!: boolean;
  @ApiProperty() grafana_secret_set!: boolean;
  @ApiProperty({ type: [String] }) sns_topic_arns!: string[];
}

export class WebhookTokenResponse implements WebhookToken {
  @ApiProperty({
    description:
      'Shown once: Bearer token (or basic-auth password) for Alertmanager, Grafana, EventBridge and the legacy Sentry plugin (?token=)',
  })
  token!: string;
  @ApiProperty() token_hint!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Until when the previous token still works',
  })
  previous_valid_until!: string | null;
}

export class RotateTokenDto implements RotateTokenRequest {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 168,
    default: 24,
    description: 'Hours the previous token keeps working (0: stops at once)',
  })
  @IsOptional()
  @IsInt({ message: 'grace_hours must be a whole number of hours' })
  @Min(0, { message: 'grace_hours must be between 0 and 168' })
  @Max(168, { message: 'grace_hours must be between 0 and 168' })
  grace_hours?: number;
}
