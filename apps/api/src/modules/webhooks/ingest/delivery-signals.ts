import { Signal } from '@mozaic/contracts';
import { InvalidInputError } from '../../../common/errors';
import { Json, str } from '../../../common/json/read';
import { mapAlertmanager } from '../mappers/alertmanager.mapper';
import { mapCloudWatchAlarm, mapEventBridgeAlarm } from '../mappers/cloudwatch.mapper';
import { mapSentry } from '../mappers/sentry.mapper';
import { parseSnsMessage } from '../verifiers/sns-message';

/** A stored delivery as the worker reads it. */
export interface StoredDelivery {
  projectId: string;
  source: string;
  kind: string | null;
  body: string;
}

/** What a delivery asks of the worker besides its signals (SNS subscription handshakes). */
export interface DeliveryWork {
  signals: Signal[];
  subscribeUrl?: string;
}

/** Turns a stored (already verified) delivery into signals with the source's mapper. */
export function deliverySignals(d: StoredDelivery): DeliveryWork {
  let body: Json;
  try {
    body = JSON.parse(d.body) as Json;
  } catch {
    throw new InvalidInputError('stored body is not JSON');
  }
  switch (d.source) {
    case 'sentry':
      return { signals: mapSentry(d.projectId, d.kind === 'legacy' ? undefined : (d.kind ?? undefined), body) };
    case 'alertmanager':
      return { signals: mapAlertmanager(d.projectId, body, 'alertmanager') };
    case 'grafana':
      return { signals: mapAlertmanager(d.projectId, body, 'grafana') };
    case 'cloudwatch': {
      if (str(body, 'detail-type') !== undefined) return { signals: mapEventBridgeAlarm(d.projectId, body) };
      const sns = parseSnsMessage(body);
      if (sns.Type === 'SubscriptionConfirmation') return { signals: [], subscribeUrl: sns.SubscribeURL };
      if (sns.Type !== 'Notification') return { signals: [] };
      let message: Json;
      try {
        message = JSON.parse(sns.Message) as Json;
      } catch {
        return { signals: [] }; // a plain-text notification is not an alarm
      }
      return { signals: mapCloudWatchAlarm(d.projectId, message) };
    }
    default:
      throw new InvalidInputError(`unknown source ${d.source}`);
  }
}
