/** Where each source delivers, and which secrets are set (never the secrets). */
export interface WebhookSettings {
  project_id: string;
  urls: { sentry: string; cloudwatch: string; alertmanager: string; grafana: string };
  token_hint: string | null;
  token_created_at: string | null;
  sentry_secret_set: boolean;
  grafana_secret_set: boolean;
  sns_topic_arns: string[];
}

export interface UpdateWebhookSettingsRequest {
  sentry_client_secret?: string;
  grafana_secret?: string;
  sns_topic_arns?: string[];
}

/** The webhook token, shown once when generated. */
export interface WebhookToken {
  token: string;
  token_hint: string;
  created_at: string;
  /** Until when the previous token still works (null: it stopped at once, or there was none). */
  previous_valid_until: string | null;
}

/** POST /projects/{id}/webhooks/token: how long the old token keeps working (hours, default 24). */
export interface RotateTokenRequest {
  grace_hours?: number;
}

export const INBOUND_EVENT_STATUSES = ['pending', 'processed', 'failed'] as const;
export type InboundEventStatus = (typeof INBOUND_EVENT_STATUSES)[number];

/** A stored webhook delivery, as listed for operators (no body, no secrets). */
export interface InboundEvent {
  id: string;
  project_id: string;
  source: string;
  kind: string | null;
  status: InboundEventStatus;
  received_at: string;
  processed_at: string | null;
  attempts: number;
  last_error: string | null;
  signal_count: number;
}

/** The answer to a webhook delivery. */
export interface WebhookAck {
  id: string;
  status: 'accepted' | 'duplicate';
}
