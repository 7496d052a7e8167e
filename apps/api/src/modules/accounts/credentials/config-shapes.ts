import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AccountConfig, ServiceType } from '@mozaic/contracts';

const url = {
  require_tld: false,
  protocols: ['http', 'https'],
  require_protocol: true,
};

class BaseConfig implements AccountConfig {
  @IsOptional() @IsInt() @Min(10) @Max(86_400) interval_seconds?: number;
}

export class KubernetesConfigShape extends BaseConfig {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    each: true,
    message: 'namespaces must be Kubernetes namespace names',
  })
  namespaces?: string[];
  @IsOptional() @IsString() @MaxLength(253) context?: string;
}

export class DockerConfigShape extends BaseConfig {}

export class CloudWatchConfigShape extends BaseConfig {
  @IsString({ message: 'region is required (e.g. eu-west-1)' })
  @Matches(/^[a-z]{2}(-[a-z]+)+-\d$/, {
    message: 'region must be an AWS region such as eu-west-1',
  })
  region!: string;
  @IsOptional()
  @IsUrl(url, { message: 'endpoint must be an http(s) URL' })
  endpoint?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  log_group_names?: string[];
  @IsOptional() @IsString() @MaxLength(1024) filter_pattern?: string;
}

export class GrafanaConfigShape extends BaseConfig {
  @IsUrl(url, { message: 'base_url must be the http(s) URL of Grafana' })
  base_url!: string;
}

export class SentryConfigShape extends BaseConfig {
  @IsOptional()
  @IsUrl(url, {
    message: 'base_url must be an http(s) URL (default https://sentry.io)',
  })
  base_url?: string;
  @IsString({ message: 'organization is required (the organisation slug)' })
  @Matches(/^[a-z0-9][a-z0-9_-]*$/i, { message: 'organization must be a slug' })
  organization!: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  projects?: string[];
}

export const CONFIG_SHAPES: Record<ServiceType, new () => object> = {
  kubernetes: KubernetesConfigShape,
  docker: DockerConfigShape,
  cloudwatch: CloudWatchConfigShape,
  grafana: GrafanaConfigShape,
  sentry: SentryConfigShape,
};
