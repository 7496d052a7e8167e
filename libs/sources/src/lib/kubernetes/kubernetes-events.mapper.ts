import { EntityLabels, Severity, Signal, SignalKind } from '@mozaic/contracts';
import { clip, isoTime, Json, obj, str } from '../json/read';
import { clean } from '../labels';

interface ReasonInfo {
  severity: Severity;
  kind: SignalKind;
  label?: string;
}

/** Warning reasons that matter, with what they mean. Others are medium events. */
const REASONS: Record<string, ReasonInfo> = {
  BackOff: { severity: 'high', kind: 'crashloop', label: 'CrashLoopBackOff' },
  CrashLoopBackOff: { severity: 'high', kind: 'crashloop' },
  OOMKilling: { severity: 'high', kind: 'oom', label: 'OOMKilled' },
  OOMKilled: { severity: 'high', kind: 'oom' },
  Evicted: { severity: 'high', kind: 'event' },
  FailedScheduling: { severity: 'medium', kind: 'event' },
  Unhealthy: { severity: 'medium', kind: 'unhealthy' },
  FailedMount: { severity: 'medium', kind: 'event' },
  FailedAttachVolume: { severity: 'medium', kind: 'event' },
  ErrImagePull: {
    severity: 'medium',
    kind: 'event',
    label: 'ImagePullBackOff',
  },
  ImagePullBackOff: { severity: 'medium', kind: 'event' },
  Failed: { severity: 'medium', kind: 'event' },
  NodeNotReady: { severity: 'high', kind: 'event' },
};

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/** The entity an involved object stands for. */
function involvedEntities(event: Json, cluster?: string): EntityLabels {
  const o = obj(event, 'involvedObject') ?? {};
  const kind = str(o, 'kind');
  const name = str(o, 'name');
  const container = str(o, 'fieldPath')?.match(/spec\.(?:init)?[cC]ontainers\{([^}]+)\}/)?.[1];
  return clean({
    namespace: str(o, 'namespace') ?? str(event, 'metadata', 'namespace'),
    pod: kind === 'Pod' ? name : undefined,
    workload:
      kind === 'ReplicaSet'
        ? name?.replace(/-[a-z0-9]{8,10}$/, '')
        : kind && WORKLOADS.includes(kind)
          ? name
          : undefined,
    // The node is the affected thing only for Node events; for pods it is where they run.
    host: kind === 'Node' ? name : undefined,
    node: kind === 'Node' ? undefined : (str(event, 'source', 'host') ?? str(event, 'reportingInstance')),
    container,
    cluster,
  });
}

/** A core/v1 Event (type Warning) as a signal, keyed by the involved object's uid and the reason. */
export function mapKubernetesEvent(projectId: string, event: Json, cluster?: string): Signal | null {
  if (str(event, 'type') !== 'Warning') return null;
  const reason = str(event, 'reason') ?? 'Warning';
  const uid = str(event, 'involvedObject', 'uid') ?? str(event, 'metadata', 'uid');
  const occurredAt =
    isoTime(str(event, 'lastTimestamp')) ??
    isoTime(str(event, 'eventTime')) ??
    isoTime(str(event, 'series', 'lastObservedTime')) ??
    isoTime(str(event, 'firstTimestamp')) ??
    isoTime(str(event, 'metadata', 'creationTimestamp'));
  if (!occurredAt) return null;
  const info = REASONS[reason] ?? { severity: 'medium', kind: 'event' };
  const objName = `${str(event, 'involvedObject', 'kind') ?? 'Object'} ${str(event, 'involvedObject', 'namespace') ? `${str(event, 'involvedObject', 'namespace')}/` : ''}${str(event, 'involvedObject', 'name') ?? ''}`;
  const message = str(event, 'message') ?? reason;
  return {
    projectId,
    source: 'kubernetes',
    sourceRef: clip(`${uid ?? objName}:${reason}`, 200),
    occurredAt,
    severity: info.severity,
    status: 'firing',
    title: clip(`${info.label ?? reason}: ${objName}`, 500),
    label: info.label ?? reason,
    kind: info.kind,
    message: clip(message, 4000),
    entities: involvedEntities(event, cluster),
    link: null,
    raw: event,
  };
}
