import { AlertStatus, Severity, Signal, SignalKind } from '@mozaic/contracts';
import { clip, isoTime, Json, num, obj, str } from '../json/read';
import { clean } from '../labels';

interface Meaning {
  /** Events of one condition share an alert: "health" turns resolved when healthy again. */
  condition: string;
  status: AlertStatus;
  severity: Severity;
  kind: SignalKind;
  label: string;
}

function meaning(action: string, exitCode: number | undefined): Meaning | null {
  if (action === 'oom')
    return {
      condition: 'oom',
      status: 'firing',
      severity: 'high',
      kind: 'oom',
      label: 'OOM killed',
    };
  if (action === 'die') {
    if (exitCode === 0) return null;
    return {
      condition: 'exit',
      status: 'firing',
      severity: 'high',
      kind: 'exit',
      label: `exited ${exitCode ?? '?'}`,
    };
  }
  if (action === 'start')
    return {
      condition: 'exit',
      status: 'resolved',
      severity: 'low',
      kind: 'exit',
      label: 'started',
    };
  if (action === 'health_status: unhealthy')
    return {
      condition: 'health',
      status: 'firing',
      severity: 'medium',
      kind: 'unhealthy',
      label: 'unhealthy',
    };
  if (action === 'health_status: healthy')
    return {
      condition: 'health',
      status: 'resolved',
      severity: 'low',
      kind: 'unhealthy',
      label: 'healthy',
    };
  if (action === 'kill') return null; // a kill is followed by die, which says how it ended
  return null;
}

/**
 * A Docker Engine /events message (API 1.52+ and the legacy form with status/id/from): container
 * deaths with a non-zero code, OOM kills and health changes, keyed by container id + condition.
 */
export function mapDockerEvent(projectId: string, event: Json, engine?: string): Signal | null {
  if ((str(event, 'Type') ?? 'container') !== 'container') return null;
  const action = str(event, 'Action') ?? str(event, 'status');
  const id = str(event, 'Actor', 'ID') ?? str(event, 'id');
  const attrs = obj(event, 'Actor', 'Attributes') ?? {};
  const nanos = str(event, 'timeNano');
  // BigInt throws on anything but digits: only digits are read as nanoseconds.
  const occurredAt =
    nanos && /^\d{1,30}$/.test(nanos)
      ? isoTime(Number(BigInt(nanos) / BigInt(1_000_000)))
      : isoTime(num(event, 'time'));
  if (!action || !id || !occurredAt) return null;
  const m = meaning(action, num(attrs, 'exitCode'));
  if (!m) return null;
  const name = str(attrs, 'name') ?? id.slice(0, 12);
  return {
    projectId,
    source: 'docker',
    sourceRef: clip(`${id}:${m.condition}`, 200),
    occurredAt,
    severity: m.severity,
    status: m.status,
    title: clip(`${name}: ${m.label}`, 500),
    label: m.kind === 'oom' ? 'OOMKilled' : `container ${m.label}`,
    kind: m.kind,
    message: clip(
      `container ${name} (${str(attrs, 'image') ?? str(event, 'from') ?? 'unknown image'}) ${m.label}`,
      4000,
    ),
    entities: clean({
      container: name,
      service: str(attrs, 'com.docker.compose.service') ?? str(attrs, 'com.docker.swarm.service.name'),
      node: engine,
    }),
    link: null,
    raw: event,
  };
}
