import { Signal } from '@mozaic/contracts';

/**
 * Heartbeats: alerts that always fire so that their absence means the pipeline broke
 * (kube-prometheus-stack's Watchdog, DeadMansSwitch). They are never incidents themselves; a
 * sender that had one and goes silent is ("Alertmanager stopped sending").
 */
const HEARTBEATS = /^(?:watchdog|deadmansswitch|dead-mans-switch|heartbeat)$/i;

export function isHeartbeat(s: Pick<Signal, 'kind' | 'label'>): boolean {
  return s.kind === 'meta' && !!s.label && HEARTBEATS.test(s.label.trim());
}

/** Gaps shorter than this are an HA pair sending the same notification, not the rhythm. */
const DOUBLE_SEND_MS = 5_000;

/** The sender's rhythm: an exponentially weighted mean of the gaps between receipts (ms). */
export function nextInterval(previousMs: number | null, gapMs: number): number | null {
  if (gapMs < DOUBLE_SEND_MS) return previousMs;
  return previousMs === null ? gapMs : Math.round(previousMs * 0.7 + gapMs * 0.3);
}

/** How long without a heartbeat counts as missing: three beats, at least `floorMs`. */
export function missingAfter(intervalMs: number | null, floorMs: number): number {
  return Math.max(floorMs, 3 * (intervalMs ?? 0));
}

export interface HeartbeatSender {
  /** The heartbeat alert's own reference (its fingerprint: one per Prometheus/Alertmanager). */
  ref: string;
  /** People's name for it (Prometheus external label, cluster). */
  name: string;
  lastReceivedAt: number;
}

/** The signal of a missing heartbeat (firing) or of its return (resolved). */
export function heartbeatSignal(
  projectId: string,
  h: HeartbeatSender,
  status: 'firing' | 'resolved',
  at: number,
): Signal {
  const since = new Date(h.lastReceivedAt).toISOString();
  return {
    projectId,
    source: 'alertmanager',
    sourceRef: `heartbeat-missing:${h.ref}`.slice(0, 200),
    occurredAt: new Date(at).toISOString(),
    severity: 'high',
    status,
    title: `Alertmanager stopped sending: no Watchdog from ${h.name} since ${since}`,
    label: 'Alertmanager stopped sending',
    kind: 'alert',
    message: `No heartbeat (Watchdog) from ${h.name} since ${since}: alerts from it may not be arriving.`,
    entities: { service: `alerting-pipeline-${h.name}` },
    link: null,
    raw: { heartbeat: h.ref, sender: h.name, last_received_at: since },
  };
}
