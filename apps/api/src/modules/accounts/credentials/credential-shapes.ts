import { IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  CloudWatchCredentials,
  DockerCredentials,
  GrafanaCredentials,
  KubernetesCredentials,
  SentryCredentials,
  ServiceType,
} from '@mozaic/contracts';
import { IsSafeKubeconfig } from './safe-kubeconfig.validator';

const PEM = 20_000;

export class KubernetesCredentialsShape implements KubernetesCredentials {
  @ValidateIf((o: KubernetesCredentialsShape) => o.server === undefined && o.token === undefined)
  @IsString({
    message: 'kubeconfig must be a string (or give server and token instead)',
  })
  @IsNotEmpty()
  @MaxLength(100_000)
  @IsSafeKubeconfig()
  kubeconfig?: string;

  @ValidateIf((o: KubernetesCredentialsShape) => o.kubeconfig === undefined)
  @IsUrl(
    {
      require_tld: false,
      protocols: ['https', 'http'],
      require_protocol: true,
    },
    { message: 'server must be an http(s) URL' },
  )
  server?: string;

  @ValidateIf((o: KubernetesCredentialsShape) => o.kubeconfig === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  token?: string;

  @IsOptional()
  @IsString()
  @MaxLength(PEM)
  ca_cert?: string;
}

export class DockerCredentialsShape implements DockerCredentials {
  @IsString()
  @Matches(/^(unix:\/\/\/.+|tcp:\/\/[^/\s]+:\d{1,5})$/, {
    message: 'host must be unix:///path/to/docker.sock or tcp://host:port',
  })
  host!: string;

  @IsOptional() @IsString() @MaxLength(PEM) tls_ca?: string;
  @IsOptional() @IsString() @MaxLength(PEM) tls_cert?: string;
  @IsOptional() @IsString() @MaxLength(PEM) tls_key?: string;
}

export class CloudWatchCredentialsShape implements CloudWatchCredentials {
  @IsString()
  @Matches(/^[A-Z0-9]{16,128}$/, {
    message: 'access_key_id must be an AWS access key id (A-Z, 0-9)',
  })
  access_key_id!: string;

  @IsString() @IsNotEmpty() @MaxLength(256) secret_access_key!: string;
  @IsOptional() @IsString() @MaxLength(4096) session_token?: string;
}

export class GrafanaCredentialsShape implements GrafanaCredentials {
  @IsString() @IsNotEmpty() @MaxLength(1024) token!: string;
}

export class SentryCredentialsShape implements SentryCredentials {
  @IsString() @IsNotEmpty() @MaxLength(1024) auth_token!: string;
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  client_secret?: string;
}

export const CREDENTIAL_SHAPES: Record<ServiceType, new () => object> = {
  kubernetes: KubernetesCredentialsShape,
  docker: DockerCredentialsShape,
  cloudwatch: CloudWatchCredentialsShape,
  grafana: GrafanaCredentialsShape,
  sentry: SentryCredentialsShape,
};

/** The value whose last characters are shown as the hint. */
export function primarySecret(type: ServiceType, c: Record<string, string | undefined>): string {
  switch (type) {
    case 'kubernetes':
      return c['token'] ?? c['kubeconfig'] ?? '';
    case 'docker':
      return c['tls_key'] ?? c['host'] ?? '';
    case 'cloudwatch':
      return c['access_key_id'] ?? '';
    case 'grafana':
      return c['token'] ?? '';
    case 'sentry':
      return c['auth_token'] ?? '';
  }
}

/** "••••" and the last 4 characters, only when the secret is long enough to keep most of it hidden. */
export function maskHint(secret: string): string {
  const s = secret.trim();
  return s.length >= 12 ? `••••${s.slice(-4)}` : '••••';
}
