import { Severity } from './enums';

export interface CreateProjectRequest {
  name: string;
  description?: string | null;
  /** Alerts this close in time (and sharing an entity) are grouped; default 10. */
  correlation_window_minutes?: number;
  /** After an incident's first notification, further alerts are batched: one update per this many seconds at most; default 300. */
  notification_group_interval_s?: number;
  /** Days to keep raw webhook deliveries (processed or failed), signals, and resolved incidents with their alerts. */
  retention_deliveries_days?: number;
  retention_signals_days?: number;
  retention_incidents_days?: number;
}

export type UpdateProjectRequest = Partial<CreateProjectRequest>;

export interface Project {
  id: string;
  name: string;
  description: string | null;
  user_id: string;
  created_at: string;
  updated_at: string;
  correlation_window_minutes: number;
  notification_group_interval_s: number;
  /** Days kept (the project's own or the operator's defaults). */
  retention: { deliveries_days: number; signals_days: number; incidents_days: number };
  /** Open (not resolved) incidents by severity. */
  open_incidents: Record<Severity, number>;
}
