import { Signal } from '@mozaic/contracts';
import { clip, Json } from '../json/read';
import { clean } from '../labels';
import { mapCloudWatchAlarm } from './cloudwatch-alarm.mapper';

export interface ApiAlarm {
  AlarmName?: string;
  AlarmArn?: string;
  AlarmDescription?: string;
  StateValue?: string;
  StateReason?: string;
  StateUpdatedTimestamp?: Date;
  MetricName?: string;
  Namespace?: string;
  Dimensions?: Array<{ Name?: string; Value?: string }>;
}

/**
 * An alarm of DescribeAlarms (or a state change of DescribeAlarmHistory) in the shape CloudWatch puts
 * in its SNS messages, so pulled and pushed alarms map alike and meet in one alert.
 */
export function mapApiAlarm(
  projectId: string,
  alarm: ApiAlarm,
  state?: { value: string; reason?: string; at: Date },
): Signal[] {
  const arn = alarm.AlarmArn ?? '';
  const message = {
    AlarmName: alarm.AlarmName,
    AlarmArn: arn,
    AlarmDescription: alarm.AlarmDescription ?? null,
    AWSAccountId: arn.split(':')[4] ?? '',
    NewStateValue: state?.value ?? alarm.StateValue,
    NewStateReason: state?.reason ?? alarm.StateReason,
    StateChangeTime: (state?.at ?? alarm.StateUpdatedTimestamp ?? new Date()).toISOString(),
    Trigger: {
      MetricName: alarm.MetricName,
      Namespace: alarm.Namespace,
      Dimensions: (alarm.Dimensions ?? []).map((d) => ({ name: d.Name, value: d.Value })),
    },
  };
  return mapCloudWatchAlarm(projectId, message as unknown as Json);
}

/** A FilterLogEvents event as a log signal: one alert per log group, each line a signal of it. */
export function mapLogEvent(
  projectId: string,
  group: string,
  region: string,
  event: { logStreamName?: string; timestamp?: number; message?: string; eventId?: string },
): Signal | null {
  const message = event.message?.trim();
  if (!message || event.timestamp === undefined) return null;
  const service = group.split('/').filter(Boolean).pop();
  const level = /\b(fatal|panic|error|exception)\b/i.test(message) ? 'medium' : 'low';
  return {
    projectId,
    source: 'cloudwatch',
    sourceRef: clip(`log:${region}:${group}`, 200),
    occurredAt: new Date(event.timestamp).toISOString(),
    severity: level,
    status: 'firing',
    title: clip(`${group}: ${message.split('\n')[0]}`, 500),
    label: clip(`${service ?? group} logs`, 100),
    kind: 'log',
    message: clip(message, 4000),
    entities: clean({ service, region }),
    link: `https://console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${encodeURIComponent(group)}`,
    raw: event,
  };
}
