import { AlertState, IncidentState } from './model';

/**
 * A node going down takes its pods with it, and kube-state-metrics' pod alerts do not name the
 * node. So an alert about a pod joins an incident of a node-down alert (KubeNodeNotReady, …) of
 * the same cluster that started within moments of it — and a node-down alert gathers the pod
 * incidents that started within moments of it. Nothing else links across workloads by time alone.
 */
export const NODE_CASCADE_MS = 3 * 60_000;

export const isNodeDown = (a: AlertState) => a.entities['scope'] === 'node-down';
export const isPodScoped = (a: AlertState) => !!a.entities.pod && !isNodeDown(a);

const sameCluster = (a: AlertState, b: AlertState) => (a.context['cluster'] ?? '') === (b.context['cluster'] ?? '');

/** The node-down member of `members` that explains pod alert `alert` starting at `at`, if any. */
export function nodeDownFor(alert: AlertState, at: number, members: AlertState[]): AlertState | undefined {
  if (!isPodScoped(alert)) return undefined;
  return members.find((m) => isNodeDown(m) && sameCluster(m, alert) && Math.abs(m.firstSeen - at) <= NODE_CASCADE_MS);
}

/** Whether a node-down alert at `at` explains every member of `inc` (pod alerts started within moments). */
export function explainedByNodeDown(node: AlertState, at: number, inc: IncidentState, members: AlertState[]): boolean {
  if (!isNodeDown(node) || members.length === 0) return false;
  return (
    members.every((m) => isPodScoped(m) && sameCluster(m, node) && Math.abs(m.firstSeen - at) <= NODE_CASCADE_MS) &&
    inc.memberIds.length === members.length
  );
}
