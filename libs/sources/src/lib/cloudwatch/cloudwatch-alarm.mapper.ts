import {
  compositeChildren,
  entitiesFromCloudWatchDimensions,
  normalizeSeverity,
  splitEnvironment,
} from '@mozaic/correlation';
import { AlertStatus, EntityLabels, Severity, Signal } from '@mozaic/contracts';
import { arr, clip, isoTime, Json, obj, str } from '../json/read';
import { clean } from '../labels';

/** Dimensions, region, account and alarm (with a composite's children) → the common entity model. */
function alarmEntities(
  dims: Array<{ name?: string; value?: string }>,
  where: { region?: string; account?: string },
  alarm: string,
  rule?: string,
): EntityLabels {
  const byName: Record<string, string> = {};
  for (const d of dims) if (d.name && d.value) byName[d.name] = d.value;
  const e = entitiesFromCloudWatchDimensions(byName);
  const children = compositeChildren(rule);
  return clean({
    ...e,
    environment: e.environment ?? splitEnvironment(alarm).environment,
    region: where.region,
    account: where.account,
    alarm,
    aggregates: children.length ? children.join(',').slice(0, 1000) : undefined,
  });
}

function state(value?: string): { status: AlertStatus; severity: Severity } {
  if (value === 'ALARM') return { status: 'firing', severity: 'high' };
  if (value === 'OK') return { status: 'resolved', severity: 'low' };
  return {
    status: 'firing',
    severity: normalizeSeverity('cloudwatch', 'insufficient_data'),
  };
}

/** Region code from an ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>). */
const arnRegion = (arn?: string) => arn?.split(':')[3] || undefined;
const arnAccount = (arn?: string) => arn?.split(':')[4] || undefined;

/** The JSON CloudWatch puts in an SNS Notification's Message (alarm state change). */
export function mapCloudWatchAlarm(projectId: string, message: Json): Signal[] {
  const name = str(message, 'AlarmName');
  const occurredAt = isoTime(str(message, 'StateChangeTime'));
  if (!name || !occurredAt) return [];
  const region = arnRegion(str(message, 'AlarmArn'));
  const account = str(message, 'AWSAccountId') ?? '';
  const dims = arr(message, 'Trigger', 'Dimensions').map((x) => ({
    name: str(x, 'name'),
    value: str(x, 'value'),
  }));
  const { status, severity } = state(str(message, 'NewStateValue'));
  return [
    {
      projectId,
      source: 'cloudwatch',
      sourceRef: clip(`${account}:${region ?? ''}:${name}`, 200),
      occurredAt,
      severity,
      status,
      title: clip(`${name}: ${str(message, 'NewStateValue') ?? 'state change'}`, 500),
      label: clip(name, 100),
      kind: 'alarm',
      message: clip(str(message, 'NewStateReason') ?? str(message, 'AlarmDescription') ?? name, 4000),
      entities: alarmEntities(
        dims,
        { region, account: account || arnAccount(str(message, 'AlarmArn')) },
        name,
        str(message, 'AlarmRule'),
      ),
      link: region
        ? `https://console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(name)}`
        : null,
      raw: message,
    },
  ];
}

/** An EventBridge "CloudWatch Alarm State Change" event. */
export function mapEventBridgeAlarm(projectId: string, event: Json): Signal[] {
  const detail = obj(event, 'detail');
  const name = str(detail, 'alarmName');
  const occurredAt = isoTime(str(detail, 'state', 'timestamp')) ?? isoTime(str(event, 'time'));
  if (!detail || !name || !occurredAt) return [];
  const region = str(event, 'region');
  const metrics = arr(detail, 'configuration', 'metrics');
  const dims = metrics.flatMap((m) =>
    Object.entries(obj(m, 'metricStat', 'metric', 'dimensions') ?? {}).map(([k, v]) => ({
      name: k,
      value: typeof v === 'string' ? v : undefined,
    })),
  );
  const { status, severity } = state(str(detail, 'state', 'value'));
  return [
    {
      projectId,
      source: 'cloudwatch',
      sourceRef: clip(`${str(event, 'account') ?? ''}:${region ?? ''}:${name}`, 200),
      occurredAt,
      severity,
      status,
      title: clip(`${name}: ${str(detail, 'state', 'value') ?? 'state change'}`, 500),
      label: clip(name, 100),
      kind: 'alarm',
      message: clip(str(detail, 'state', 'reason') ?? name, 4000),
      entities: alarmEntities(
        dims,
        { region, account: str(event, 'account') },
        name,
        str(detail, 'configuration', 'alarmRule'),
      ),
      link: region
        ? `https://console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(name)}`
        : null,
      raw: event,
    },
  ];
}
