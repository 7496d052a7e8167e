import { kubernetesRelations } from './kubernetes-topology.mapper';

const pod = (name: string, ns: string, labels: Record<string, string>, owner: { kind: string; name: string }) => ({
  metadata: { name, namespace: ns, labels, ownerReferences: [{ ...owner, controller: true }] },
});

describe('Kubernetes topology', () => {
  const pods = [
    pod(
      'billing-api-7c9d8e6f5a-abcde',
      'shop',
      { app: 'billing' },
      { kind: 'ReplicaSet', name: 'billing-api-7c9d8e6f5a' },
    ),
    pod('ledger-0', 'shop', { app: 'ledger' }, { kind: 'StatefulSet', name: 'ledger' }),
    pod(
      'billing-api-7c9d8e6f5a-zzzzz',
      'other',
      { app: 'billing' },
      { kind: 'ReplicaSet', name: 'billing-api-7c9d8e6f5a' },
    ),
  ];
  const services = [
    { metadata: { name: 'payments', namespace: 'shop' }, spec: { selector: { app: 'billing' } } },
    { metadata: { name: 'ledger', namespace: 'shop' }, spec: { selector: { app: 'ledger' } } },
    { metadata: { name: 'headless', namespace: 'shop' }, spec: {} },
  ];
  const ingresses = [
    {
      metadata: { name: 'web', namespace: 'shop' },
      spec: { rules: [{ host: 'pay.example.org', http: { paths: [{ backend: { service: { name: 'payments' } } }] } }] },
    },
  ];

  it('relates a Service to the workloads of the pods it selects (in its namespace), and an Ingress host to both', () => {
    expect(kubernetesRelations(services, ingresses, pods, 'prod')).toEqual([
      {
        keyA: 'service:payments',
        keyB: 'service:billing',
        why: 'Kubernetes prod: Service shop/payments selects the pods of billing-api',
      },
      {
        keyA: 'endpoint:pay.example.org',
        keyB: 'service:payments',
        why: 'Kubernetes prod: Ingress shop/web routes pay.example.org to Service payments',
      },
      {
        keyA: 'endpoint:pay.example.org',
        keyB: 'service:billing',
        why: 'Kubernetes prod: Ingress shop/web routes pay.example.org to Service payments',
      },
    ]);
  });

  it('states nothing for a Service named as its workload or without a selector', () => {
    expect(kubernetesRelations(services.slice(1), [], pods, 'prod')).toEqual([]);
  });
});
