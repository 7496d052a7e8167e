import { entityProfile } from '@mozaic/correlation';
import { arr, Json, obj, str } from '../json/read';
import { EntityRelation } from '../relations';

const serviceKey = (name: string) => entityProfile({ service: name }).keys[0];
const endpointKey = (host: string) => entityProfile({ endpoint: host }).keys[0];

/** The workload a pod runs for, from its owner references (a ReplicaSet's hash dropped). */
function workloadOf(pod: Json): string | undefined {
  const owner =
    arr(pod, 'metadata', 'ownerReferences').find((o) => str(o, 'controller') !== 'false') ??
    arr(pod, 'metadata', 'ownerReferences')[0];
  const kind = str(owner, 'kind');
  const name = str(owner, 'name');
  if (!name) return undefined;
  return kind === 'ReplicaSet' ? name.replace(/-[a-z0-9]{6,10}$/, '') : name;
}

function selects(selector: Record<string, Json>, labels: Record<string, Json>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

/**
 * Dependencies Kubernetes states: a Service selects the pods of a workload (owner references
 * name it), an Ingress routes a host to a Service. Alerts on either end belong together — a
 * probe of the Ingress host with the crash-looping Deployment behind it.
 */
export function kubernetesRelations(
  services: Json[],
  ingresses: Json[],
  pods: Json[],
  cluster: string,
): EntityRelation[] {
  const out: EntityRelation[] = [];
  const add = (keyA: string | undefined, keyB: string | undefined, why: string) => {
    if (keyA && keyB && keyA !== keyB && !out.some((r) => r.keyA === keyA && r.keyB === keyB))
      out.push({ keyA, keyB, why });
  };
  const behind = new Map<string, string[]>(); // "ns/service" → workloads
  for (const s of services) {
    const ns = str(s, 'metadata', 'namespace') ?? '';
    const name = str(s, 'metadata', 'name');
    const selector = obj(s, 'spec', 'selector');
    if (!name || !selector) continue;
    const workloads = new Set<string>();
    for (const p of pods) {
      if ((str(p, 'metadata', 'namespace') ?? '') !== ns || !selects(selector, obj(p, 'metadata', 'labels') ?? {}))
        continue;
      const w = workloadOf(p);
      if (w) workloads.add(w);
    }
    behind.set(`${ns}/${name}`, [...workloads]);
    for (const w of workloads)
      add(serviceKey(name), serviceKey(w), `Kubernetes ${cluster}: Service ${ns}/${name} selects the pods of ${w}`);
  }
  for (const i of ingresses) {
    const ns = str(i, 'metadata', 'namespace') ?? '';
    const name = str(i, 'metadata', 'name') ?? '';
    for (const rule of arr(i, 'spec', 'rules')) {
      const host = str(rule, 'host');
      if (!host) continue;
      for (const path of arr(rule, 'http', 'paths')) {
        const svc = str(path, 'backend', 'service', 'name');
        if (!svc) continue;
        const why = `Kubernetes ${cluster}: Ingress ${ns}/${name} routes ${host} to Service ${svc}`;
        add(endpointKey(host), serviceKey(svc), why);
        for (const w of behind.get(`${ns}/${svc}`) ?? []) add(endpointKey(host), serviceKey(w), why);
      }
    }
  }
  return out;
}
