import { InvalidInputError } from '../../../common/errors';
import { Json, webhookOf, WebhookWork } from '@mozaic/sources';

/** A stored delivery as the worker reads it. */
export interface StoredDelivery {
  projectId: string;
  source: string;
  kind: string | null;
  body: string;
}

/** What a delivery asks of the worker: its signals, and SNS subscription handshakes. */
export type DeliveryWork = WebhookWork;

/** Turns a stored (already verified) delivery into signals with its source's webhook mapping (libs/sources). */
export function deliverySignals(d: StoredDelivery): DeliveryWork {
  let body: Json;
  try {
    body = JSON.parse(d.body) as Json;
  } catch {
    throw new InvalidInputError('stored body is not JSON');
  }
  const webhook = webhookOf(d.source);
  if (!webhook) throw new InvalidInputError(`unknown source ${d.source}`);
  return webhook.map(d.projectId, body, d.kind);
}
