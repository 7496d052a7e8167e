import {
  AccountConfig,
  CloudWatchCredentials,
  DockerCredentials,
  GrafanaCredentials,
  KubernetesCredentials,
  SentryCredentials,
  ServiceType,
  Signal,
} from '@mozaic/contracts';
import { GuardedAgents } from '../../common/outbound/guarded-agent';
import { OutboundHttp } from './outbound/outbound-http';

/** Where a provider may resume: its own JSON, persisted per account after each successful collect. */
export type SourceCursor = Record<string, unknown>;

/** The credentials each source type is given (validated per type when the account is saved). */
export interface CredentialsByType {
  kubernetes: KubernetesCredentials;
  docker: DockerCredentials;
  cloudwatch: CloudWatchCredentials;
  grafana: GrafanaCredentials;
  sentry: SentryCredentials;
}

/** Everything a provider needs for one call; it never sees the database or other accounts. */
export interface SourceContext<C = CredentialsByType[ServiceType]> {
  accountId: string;
  projectId: string;
  credentials: C;
  config: AccountConfig;
  /** Aborted when the call's deadline passes (every network call must honour it). */
  signal: AbortSignal;
  /** Per-request timeout in ms. */
  timeoutMs: number;
  /** JSON over HTTP(S) through this call's guarded agents. */
  http: OutboundHttp;
  /** The agents every SDK of this call must connect through (the outbound policy lives there). */
  agents: GuardedAgents;
  /** Checks a URL a user gave (http(s) only, no metadata endpoints, private ranges per policy). */
  checkUrl(url: string): Promise<URL>;
}

/** Two entities a source says belong together, and how it says so. */
export type { EntityRelation } from '@mozaic/sources';
import type { EntityRelation } from '@mozaic/sources';

export interface CollectResult {
  signals: Signal[];
  cursor: SourceCursor;
  /** Dependencies the source states (Kubernetes Services and Ingresses), kept as project rules. */
  relations?: EntityRelation[];
}

/** The one contract every source implements, typed by its credentials. Errors are SourceErrors (see source-error.ts). */
export interface SourceProvider<T extends ServiceType = ServiceType> {
  readonly type: T;
  /** Proves the credentials work; returns a short description of what it saw. */
  test(ctx: SourceContext<CredentialsByType[T]>): Promise<string>;
  /** Signals since the cursor (null: the first run), and the cursor to continue from. */
  collect(ctx: SourceContext<CredentialsByType[T]>, cursor: SourceCursor | null): Promise<CollectResult>;
}

/** Injection token: all providers, as an array. */
export const SOURCE_PROVIDERS = Symbol('SOURCE_PROVIDERS');
