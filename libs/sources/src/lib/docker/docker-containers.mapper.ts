import { Severity, Signal, SignalKind } from '@mozaic/contracts';
import { arr, clip, isoTime, Json, num, obj, str } from '../json/read';
import { clean } from '../labels';
import { LogLine } from './log-line';

const bool = (v: Json, ...path: string[]) => {
  let cur: Json = v;
  for (const p of path)
    cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, Json>)[p] : null;
  return cur === true;
};

/** The container's name without Docker's leading slash. */
export const containerName = (inspect: Json) =>
  (str(inspect, 'Name') ?? str(inspect, 'Id') ?? 'container').replace(/^\//, '');

/**
 * A container's inspected state → signals, keyed like the /events mapper (container id + condition):
 * OOM-killed, exited non-zero, restarting, unhealthy. Times come from the state itself, so polling the
 * same state again is a redelivery, not a new signal.
 */
export function mapContainerState(projectId: string, inspect: Json, engine?: string): Signal[] {
  const id = str(inspect, 'Id') ?? '';
  const name = containerName(inspect);
  const state = obj(inspect, 'State') ?? {};
  const labels = obj(inspect, 'Config', 'Labels') ?? {};
  const image = str(inspect, 'Config', 'Image') ?? 'unknown image';
  const finishedAt = isoTime(str(state, 'FinishedAt'));
  const exitCode = num(state, 'ExitCode') ?? 0;
  const out: Signal[] = [];
  const push = (
    condition: string,
    label: string,
    severity: Severity,
    kind: SignalKind,
    message: string,
    at?: string,
  ) => {
    if (!at || at.startsWith('0001-')) return;
    out.push({
      projectId,
      source: 'docker',
      sourceRef: clip(`${id}:${condition}`, 200),
      occurredAt: at,
      severity,
      status: 'firing',
      title: clip(`${name}: ${label}`, 500),
      label: kind === 'oom' ? 'OOMKilled' : `container ${label}`,
      kind,
      message: clip(`container ${name} (${image}) ${message}`, 4000),
      entities: clean({
        container: name,
        service: str(labels, 'com.docker.compose.service') ?? str(labels, 'com.docker.swarm.service.name'),
        node: engine,
      }),
      link: null,
      raw: { Id: id, Name: name, State: state },
    });
  };
  const running = bool(state, 'Running');
  if (bool(state, 'OOMKilled')) push('oom', 'OOM killed', 'high', 'oom', 'was OOM-killed', finishedAt);
  if (!running && exitCode !== 0) push('exit', `exited ${exitCode}`, 'high', 'exit', `exited ${exitCode}`, finishedAt);
  if (bool(state, 'Restarting'))
    push('exit', 'restarting', 'high', 'exit', `keeps restarting (last exit ${exitCode})`, finishedAt);
  if (str(state, 'Health', 'Status') === 'unhealthy') {
    const last = arr(state, 'Health', 'Log').at(-1);
    const output = str(last, 'Output')?.trim();
    push(
      'health',
      'unhealthy',
      'medium',
      'unhealthy',
      `is unhealthy (${num(state, 'Health', 'FailingStreak') ?? '?'} failed checks)${output ? `: ${output}` : ''}`,
      isoTime(str(last, 'End')) ?? isoTime(str(last, 'Start')),
    );
  }
  return out;
}

const LEVEL = /\b(fatal|panic|error|exception|warn(?:ing)?)\b/i;

/** ERROR and WARN lines of a failing container's log tail (fetched with timestamps) as log signals. */
export function mapDockerLogLines(
  projectId: string,
  inspect: Json,
  lines: LogLine[],
  engine?: string,
  max = 10,
): Signal[] {
  const id = str(inspect, 'Id') ?? '';
  const name = containerName(inspect);
  const out: Signal[] = [];
  for (const l of [...lines].reverse()) {
    if (out.length >= max) break;
    const m = /^(\d{4}-\d\d-\d\dT\S+)\s(.*)$/.exec(l.text);
    const text = (m ? m[2] : l.text).trim();
    const level = LEVEL.exec(text)?.[1]?.toLowerCase();
    const at = isoTime(m?.[1]);
    if (!level || !at) continue;
    out.push({
      projectId,
      source: 'docker',
      sourceRef: clip(`${id}:log`, 200),
      occurredAt: at,
      severity: level.startsWith('warn') ? 'low' : 'medium',
      status: 'firing',
      title: clip(`${name}: ${text}`, 500),
      label: 'log errors',
      kind: 'log',
      message: clip(text, 4000),
      entities: clean({ container: name, node: engine }),
      link: null,
      raw: { stream: l.stream, line: l.text },
    });
  }
  return out.reverse();
}
