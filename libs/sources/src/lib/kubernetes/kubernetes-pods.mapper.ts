import { EntityLabels, Severity, Signal, SignalKind } from '@mozaic/contracts';
import { arr, clip, isoTime, Json, num, obj, str } from '../json/read';
import { clean } from '../labels';

/** Container waiting reasons that mean trouble; the key matches the kubelet event reason where one exists. */
const WAITING: Record<string, { key: string; severity: Severity; kind: SignalKind; label: string }> = {
  CrashLoopBackOff: { key: 'BackOff', severity: 'high', kind: 'crashloop', label: 'CrashLoopBackOff' },
  ImagePullBackOff: { key: 'ImagePullBackOff', severity: 'medium', kind: 'event', label: 'ImagePullBackOff' },
  ErrImagePull: { key: 'ImagePullBackOff', severity: 'medium', kind: 'event', label: 'ImagePullBackOff' },
  CreateContainerConfigError: {
    key: 'CreateContainerConfigError',
    severity: 'medium',
    kind: 'event',
    label: 'CreateContainerConfigError',
  },
};

/** A failing container found in a pod's status. */
export interface FailingContainer {
  namespace: string;
  pod: string;
  container: string;
  /** Whether a previous instance exists (its logs say why it died). */
  restarted: boolean;
}

function podEntities(pod: Json, container: string, cluster?: string): EntityLabels {
  const owners = arr(pod, 'metadata', 'ownerReferences');
  const owner = owners.find((o) => (o as Record<string, Json>)?.['controller'] === true) ?? owners[0];
  const ownerKind = str(owner, 'kind');
  const ownerName = str(owner, 'name');
  return clean({
    namespace: str(pod, 'metadata', 'namespace'),
    pod: str(pod, 'metadata', 'name'),
    workload: ownerKind === 'ReplicaSet' ? ownerName?.replace(/-[a-z0-9]{8,10}$/, '') : ownerName,
    container,
    node: str(pod, 'spec', 'nodeName'),
    cluster,
  });
}

/**
 * Pod status → signals: containers waiting in CrashLoopBackOff / ImagePullBackOff, last terminated
 * OOMKilled, restarts since the last poll. Keys follow the kubelet events (pod uid + reason), so the
 * status and the event of one condition meet in one alert.
 */
export function mapPodStatus(
  projectId: string,
  pod: Json,
  restartsBefore: Record<string, number>,
  now: Date,
  cluster?: string,
): { signals: Signal[]; restarts: Record<string, number>; failing: FailingContainer[] } {
  const uid = str(pod, 'metadata', 'uid') ?? '';
  const ns = str(pod, 'metadata', 'namespace') ?? 'default';
  const name = str(pod, 'metadata', 'name') ?? 'pod';
  const signals: Signal[] = [];
  const restarts: Record<string, number> = {};
  const failing: FailingContainer[] = [];
  const statuses = [...arr(pod, 'status', 'initContainerStatuses'), ...arr(pod, 'status', 'containerStatuses')];
  for (const c of statuses) {
    const container = str(c, 'name') ?? 'container';
    const count = num(c, 'restartCount') ?? 0;
    const key = `${uid}/${container}`;
    restarts[key] = count;
    const terminated = obj(c, 'lastState', 'terminated');
    const endedAt = isoTime(str(terminated, 'finishedAt'));
    const base = (
      ref: string,
      label: string,
      severity: Severity,
      kind: SignalKind,
      message: string,
      occurredAt: string,
    ): Signal => ({
      projectId,
      source: 'kubernetes',
      sourceRef: clip(`${uid}:${ref}`, 200),
      occurredAt,
      severity,
      status: 'firing',
      title: clip(`${label}: Pod ${ns}/${name}`, 500),
      label,
      kind,
      message: clip(message, 4000),
      entities: podEntities(pod, container, cluster),
      link: null,
      raw: { metadata: obj(pod, 'metadata'), containerStatus: c },
    });
    let trouble = false;
    const waiting = str(c, 'state', 'waiting', 'reason');
    const w = waiting ? WAITING[waiting] : undefined;
    if (w) {
      trouble = true;
      signals.push(
        base(
          w.key,
          w.label,
          w.severity,
          w.kind,
          str(c, 'state', 'waiting', 'message') ?? waiting ?? '',
          endedAt ?? now.toISOString(),
        ),
      );
    }
    if (str(terminated, 'reason') === 'OOMKilled' && endedAt) {
      trouble = true;
      signals.push(
        base(
          'OOMKilled',
          'OOMKilled',
          'high',
          'oom',
          `container ${container} was OOM-killed (exit ${num(terminated, 'exitCode') ?? 137})`,
          endedAt,
        ),
      );
    }
    const before = restartsBefore[key];
    if (before !== undefined && count > before) {
      trouble = true;
      signals.push(
        base(
          `${container}:restarts`,
          'restarts',
          'medium',
          'exit',
          `container ${container} restarted ${count - before} time(s) since the last poll (${count} in total)`,
          endedAt ?? now.toISOString(),
        ),
      );
    }
    if (trouble) failing.push({ namespace: ns, pod: name, container, restarted: count > 0 });
  }
  return { signals, restarts, failing };
}

const LOG_LEVEL = /\b(fatal|panic|error|exception|fail(?:ed|ure)?|warn(?:ing)?)\b/i;

/**
 * The tail of a failing container's (previous) log, fetched with timestamps=true: the lines that
 * look like errors or warnings become log signals of one alert per container.
 */
export function mapContainerLog(
  projectId: string,
  target: FailingContainer & { uid: string },
  text: string,
  cluster?: string,
  max = 10,
): Signal[] {
  const out: Signal[] = [];
  for (const line of text.split('\n').reverse()) {
    if (out.length >= max) break;
    const m = /^(\d{4}-\d\d-\d\dT[^\s]+)\s(.*)$/.exec(line);
    const message = (m ? m[2] : line).trim();
    const level = LOG_LEVEL.exec(message)?.[1]?.toLowerCase();
    if (!message || !level) continue;
    const at = isoTime(m?.[1]) ?? new Date().toISOString();
    out.push({
      projectId,
      source: 'kubernetes',
      sourceRef: clip(`${target.uid}:${target.container}:log`, 200),
      occurredAt: at,
      severity: level.startsWith('warn') ? 'low' : 'medium',
      status: 'firing',
      title: clip(`${target.pod}/${target.container}: ${message}`, 500),
      label: 'log errors',
      kind: 'log',
      message: clip(message, 4000),
      entities: clean({ namespace: target.namespace, pod: target.pod, container: target.container, cluster }),
      link: null,
      raw: { line },
    });
  }
  return out.reverse();
}
