import { AccountStatus, ServiceType } from './enums';

/** Credentials, per service type. They are write-only: the API never returns them. */
export interface KubernetesCredentials {
  /** A whole kubeconfig (YAML); or server + token (+ ca_cert) below. */
  kubeconfig?: string;
  server?: string;
  token?: string;
  ca_cert?: string;
}

export interface DockerCredentials {
  /** unix:///var/run/docker.sock or tcp://host:2376 */
  host: string;
  tls_ca?: string;
  tls_cert?: string;
  tls_key?: string;
}

export interface CloudWatchCredentials {
  access_key_id: string;
  secret_access_key: string;
  session_token?: string;
}

export interface GrafanaCredentials {
  /** Service-account token. */
  token: string;
}

export interface SentryCredentials {
  auth_token: string;
  /** Client secret of the integration, used to verify webhook signatures. */
  client_secret?: string;
}

export type AccountCredentials =
  | KubernetesCredentials
  | DockerCredentials
  | CloudWatchCredentials
  | GrafanaCredentials
  | SentryCredentials;

/** Non-secret settings, per service type. Every field is optional unless its source needs it. */
export interface AccountConfig {
  /** Collection interval in seconds (default 60). */
  interval_seconds?: number;
  /** Kubernetes: namespaces to watch (all when absent). */
  namespaces?: string[];
  /** Kubernetes: kubeconfig context to use. */
  context?: string;
  /** CloudWatch: region, e.g. eu-west-1. */
  region?: string;
  /** CloudWatch: endpoint override (e.g. a VPC endpoint). */
  endpoint?: string;
  /** CloudWatch: log groups to search and the filter pattern. */
  log_group_names?: string[];
  filter_pattern?: string;
  /** Grafana or Sentry base URL. */
  base_url?: string;
  /** Sentry organisation slug and project slugs. */
  organization?: string;
  projects?: string[];
}

export interface ConnectAccountRequest {
  project_id: string;
  service_type: ServiceType;
  name?: string;
  credentials: AccountCredentials;
  config?: AccountConfig;
}

export interface Account {
  id: string;
  project_id: string;
  service_type: ServiceType;
  name: string;
  config: AccountConfig;
  /** A masked hint of the main secret, e.g. "••••a1b2". Never the secret. */
  credentials_hint: string;
  status: AccountStatus;
  last_tested: string | null;
  last_error: string | null;
  /** When signals were last collected from it (null: not yet). */
  last_collected_at: string | null;
  created_at: string;
}
