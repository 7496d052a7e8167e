import { AlertStatus, Severity, SignalSource } from './enums';

/**
 * Entity labels in the common model: every source maps its own names into these keys
 * so that signals about the same thing meet. Values are lower-cased where names are.
 */
export interface EntityLabels {
  cluster?: string;
  namespace?: string;
  workload?: string;
  pod?: string;
  container?: string;
  service?: string;
  host?: string;
  region?: string;
  alarm?: string;
  environment?: string;
  [key: string]: string | undefined;
}

/** What a signal is about, where the source tells: drives severity escalation and titles. */
export const SIGNAL_KINDS = [
  'crashloop',
  'oom',
  'unhealthy',
  'exit',
  'error',
  'alarm',
  'alert',
  'log',
  'event',
  /** About the alerting pipeline itself (Watchdog heartbeats, InfoInhibitor): stored, never an incident. */
  'meta',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The common currency: every provider and webhook maps into this; nothing downstream knows a vendor. */
export interface Signal {
  projectId: string;
  source: SignalSource;
  /** The source's own stable id for what fires (Sentry issue id, alarm ARN, AM fingerprint, …). */
  sourceRef: string | null;
  /** When it happened, as the source reports it. ISO 8601. */
  occurredAt: string;
  severity: Severity;
  status: AlertStatus;
  title: string;
  /** A short name for incident titles, e.g. "CrashLoopBackOff" or "5xx alarm" (defaults to the title). */
  label?: string;
  kind?: SignalKind;
  message: string;
  entities: EntityLabels;
  /** The source's own labels as it sent them (Alertmanager/Prometheus labels): what silences match on. */
  labels?: Record<string, string>;
  /** Link to the thing in the source's UI, where known. */
  link?: string | null;
  raw: unknown;
}
