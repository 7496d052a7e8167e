import { Signal, SignalSource } from '@mozaic/contracts';
import { SourceForm } from './fields';
import { Json } from './json/read';

/** What a verified webhook delivery becomes: signals, and for SNS a subscription to confirm. */
export interface WebhookWork {
  signals: Signal[];
  subscribeUrl?: string;
}

/** How a source's webhook deliveries become signals (the API verifies and stores them first). */
export interface WebhookMapping {
  /** `kind`: what the verifier learned of the delivery (Sentry's resource, `legacy`), or null. */
  map(projectId: string, body: Json, kind: string | null): WebhookWork;
}

/**
 * What a source offers MOZAIC: a webhook, pulling (an account with the form's credentials and
 * config, collected by the API's provider of that type), or both. Adding a source is a folder in
 * libs/sources with its definition, one line in SOURCES, and — if it pulls — a provider in the API.
 */
export interface SourceDefinition {
  type: SignalSource;
  label: string;
  webhook?: WebhookMapping;
  /** Present when the source is pulled: the account's fields. */
  pull?: SourceForm;
}
