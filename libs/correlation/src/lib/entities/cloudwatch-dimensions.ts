import { EntityLabels } from '@mozaic/contracts';
import { splitEnvironment } from './entities';

/**
 * CloudWatch metric dimensions → the common entity model. The resource a dimension names is the
 * service (with the environment word of AWS-style names moved into the context:
 * orders-db-prod → service orders-db, environment production); a load balancer or target group is
 * named by its middle part (app/<name>/<id>).
 */
const RESOURCE_DIMENSIONS = [
  'ServiceName',
  'FunctionName',
  'DBInstanceIdentifier',
  'DBClusterIdentifier',
  'QueueName',
  'TableName',
  'DomainName',
  'ApiName',
  'TopicName',
  'StreamName',
  'DeliveryStreamName',
  'CacheClusterId',
  'ReplicationGroupId',
  'StateMachineArn',
  'LoadBalancer',
  'TargetGroup',
  'LoadBalancerName',
  'AutoScalingGroupName',
  'BucketName',
] as const;

const lastPart = (v: string) => v.split(/[:/]/).filter(Boolean).pop() ?? v;

function resourceName(dimension: string, value: string): string {
  if (dimension === 'LoadBalancer' || dimension === 'TargetGroup') return value.split('/')[1] ?? value;
  if (dimension === 'StateMachineArn') return lastPart(value);
  return value;
}

export function hasCloudWatchDimensions(labels: Record<string, string | undefined>): boolean {
  return RESOURCE_DIMENSIONS.some((d) => labels[d]) || !!labels['InstanceId'];
}

export function entitiesFromCloudWatchDimensions(dims: Record<string, string | undefined>): EntityLabels {
  const out: EntityLabels = {};
  for (const d of RESOURCE_DIMENSIONS) {
    const v = dims[d];
    if (!v) continue;
    const raw = resourceName(d, v);
    const { name, environment } = splitEnvironment(raw);
    out.service = name;
    // As AWS spells it, for errors that name it ("Timeout connecting to sessions-cache-prod-001").
    out['resource'] = raw;
    if (environment) out.environment = environment;
    break;
  }
  if (dims['ClusterName']) out.cluster = dims['ClusterName'];
  if (dims['InstanceId']) out.host = dims['InstanceId'];
  return out;
}

/** The alarms a composite alarm's rule names: ALARM("a") OR ALARM(b) AND NOT OK(arn:…:alarm:c). */
export function compositeChildren(rule: string | undefined): string[] {
  if (!rule) return [];
  const out: string[] = [];
  for (const m of rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\(\s*"?([^")]+?)"?\s*\)/g)) {
    const name = m[1].includes(':alarm:') ? m[1].split(':alarm:')[1] : m[1];
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}
