import { LabelMatcher } from './notifications';

export const SILENCE_STATES = ['pending', 'active', 'expired'] as const;
export type SilenceState = (typeof SILENCE_STATES)[number];

/**
 * A silence (Alertmanager's semantics): while active, alerts its matchers all match are still
 * stored and correlated, but notify nobody; an incident whose firing alerts are all silenced is
 * suppressed. Matchers see an alert's own labels, MOZAIC's entities (service, namespace, host, …),
 * `alertname`, `source` and `severity`.
 */
export interface SilenceView {
  id: string;
  project_id: string;
  matchers: LabelMatcher[];
  starts_at: string;
  ends_at: string;
  created_by: string;
  comment: string;
  /** The incident whose resolution expires it, if any. */
  until_resolved: string | null;
  state: SilenceState;
  created_at: string;
  updated_at: string;
}

export interface CreateSilenceRequest {
  matchers: LabelMatcher[];
  /** Default: now. */
  starts_at?: string;
  /** Required unless until_resolved is given (then at most 30 days on). */
  ends_at?: string;
  comment: string;
  /** An incident of the project: the silence expires when it resolves ("until resolved"). */
  until_resolved?: string;
}

export type UpdateSilenceRequest = Partial<CreateSilenceRequest>;

/** POST /projects/{id}/alertmanager/token: the Alertmanager API token, shown once. */
export interface AlertmanagerToken {
  token: string;
  /** The base URL for amtool, Prometheus and Grafana (…/alertmanager/{project_id}). */
  base_url: string;
}

/** POST /projects/{id}/silences/preview: what matchers would silence right now. */
export interface SilencePreview {
  /** Firing alerts they match. */
  count: number;
  /** The first of them. */
  alerts: Array<{ id: string; title: string; incident_id: string | null }>;
}

/** A maintenance window: matching alerts behave as silenced during each occurrence. */
export interface MaintenanceWindowView {
  id: string;
  project_id: string;
  name: string;
  matchers: LabelMatcher[];
  /** Local wall-clock start of the first occurrence, YYYY-MM-DDTHH:mm, in `timezone`. */
  start_local: string;
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: string;
  duration_minutes: number;
  /** RFC 5545 RRULE without DTSTART (e.g. FREQ=WEEKLY;BYDAY=SU), or null: once. */
  rrule: string | null;
  created_by: string;
  created_at: string;
  /** The occurrence in progress, if any. */
  active: { starts_at: string; ends_at: string } | null;
  /** The next occurrence to start, if any. */
  next: { starts_at: string; ends_at: string } | null;
}

export interface CreateMaintenanceWindowRequest {
  name: string;
  matchers: LabelMatcher[];
  start_local: string;
  timezone: string;
  duration_minutes: number;
  rrule?: string | null;
}

/** Ready-made inhibition rules (POST … { preset }). */
export const INHIBITION_PRESETS = ['node-down', 'critical-over-warning'] as const;
export type InhibitionPreset = (typeof INHIBITION_PRESETS)[number];

/** The name a preset's rule is stored under (so a client can tell which presets are on). */
export const INHIBITION_PRESET_NAMES: Record<InhibitionPreset, string> = {
  'node-down': 'A node down inhibits the pod and container alerts on that node',
  'critical-over-warning': 'A critical alert inhibits the warning of the same alertname and service',
};

/** An inhibition rule (Alertmanager's inhibit_rules): while a source alert fires, matching targets with equal labels are inhibited. */
export interface InhibitionRuleView {
  id: string;
  project_id: string;
  name: string;
  source_matchers: LabelMatcher[];
  target_matchers: LabelMatcher[];
  /** Labels (or entities) whose values must be equal in source and target. */
  equal: string[];
  created_at: string;
}

/** Either a preset, or the rule itself. */
export interface CreateInhibitionRuleRequest {
  preset?: InhibitionPreset;
  name?: string;
  source_matchers?: LabelMatcher[];
  target_matchers?: LabelMatcher[];
  equal?: string[];
}
