import { Json, str } from '../json/read';
import { WebhookWork } from '../source-definition';
import { mapCloudWatchAlarm, mapEventBridgeAlarm } from './cloudwatch-alarm.mapper';
import { parseSnsMessage } from './sns-message';

/** An EventBridge alarm event, or an SNS envelope: a subscription to confirm or an alarm's notification. */
export function cloudwatchWebhook(projectId: string, body: Json): WebhookWork {
  if (str(body, 'detail-type') !== undefined) return { signals: mapEventBridgeAlarm(projectId, body) };
  const sns = parseSnsMessage(body);
  if (sns.Type === 'SubscriptionConfirmation') return { signals: [], subscribeUrl: sns.SubscribeURL };
  if (sns.Type !== 'Notification') return { signals: [] };
  let message: Json;
  try {
    message = JSON.parse(sns.Message) as Json;
  } catch {
    return { signals: [] }; // a plain-text notification is not an alarm
  }
  return { signals: mapCloudWatchAlarm(projectId, message) };
}
