import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { ConfigMap, IConfigMap, IService, Service } from 'kubernetes-models/v1';
import { Deployment, IDeployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler, IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { IPodDisruptionBudget, PodDisruptionBudget } from 'kubernetes-models/policy/v1';

const ROOT = join(__dirname, '../../../..');
type Doc = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: unknown };
const docs = loadAll(readFileSync(join(ROOT, 'docker/k8s/mozaic.yaml'), 'utf8')) as Doc[];
const of = (kind: string) => docs.filter((d) => d.kind === kind);

/** A validation against the Kubernetes JSON schema for each kind the manifest uses (throws when invalid). */
const VALIDATE: Record<string, (d: unknown) => void> = {
  'v1/ConfigMap': (d) => new ConfigMap(d as IConfigMap).validate(),
  'v1/Service': (d) => new Service(d as IService).validate(),
  'apps/v1/Deployment': (d) => new Deployment(d as IDeployment).validate(),
  'autoscaling/v2/HorizontalPodAutoscaler': (d) =>
    new HorizontalPodAutoscaler(d as IHorizontalPodAutoscaler).validate(),
  'policy/v1/PodDisruptionBudget': (d) => new PodDisruptionBudget(d as IPodDisruptionBudget).validate(),
};

describe('docker/k8s/mozaic.yaml', () => {
  it.each(docs.map((d) => [`${d.kind} ${d.metadata.name}`, d] as const))(
    '%s is valid by the Kubernetes schema',
    (_n, d) => {
      const validate = VALIDATE[`${d.apiVersion}/${d.kind}`];
      expect(validate).toBeDefined();
      expect(() => validate(d)).not.toThrow();
    },
  );

  it('catches an invalid manifest (the check can fail)', () => {
    const broken = JSON.parse(JSON.stringify(of('Deployment')[0])) as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => VALIDATE['apps/v1/Deployment'](broken)).toThrow(/replicas must be integer/);
  });

  it('probes routes the API serves, and every budget, autoscaler and service targets a Deployment it selects', () => {
    const openapi = JSON.parse(readFileSync(join(ROOT, 'apps/api/openapi.json'), 'utf8')) as { paths: object };
    const deployments = of('Deployment') as unknown as Deployment[];
    expect(deployments.map((d) => d.metadata?.name)).toEqual(['mozaic-api', 'mozaic-worker']);
    for (const d of deployments) {
      const c = d.spec?.template.spec?.containers[0];
      expect(c?.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      for (const probe of [c?.livenessProbe, c?.readinessProbe]) {
        expect(probe).toBeDefined();
        if (probe?.httpGet) expect(Object.keys(openapi.paths)).toContain(probe.httpGet.path);
      }
    }
    const labels = (name: string) =>
      deployments.find((d) => d.metadata?.name === name)?.spec?.template.metadata?.labels;
    for (const pdb of of('PodDisruptionBudget') as unknown as PodDisruptionBudget[])
      expect(labels(pdb.metadata?.name ?? '')).toMatchObject(pdb.spec?.selector?.matchLabels ?? { none: true });
    for (const hpa of of('HorizontalPodAutoscaler') as unknown as HorizontalPodAutoscaler[])
      expect(labels(hpa.spec?.scaleTargetRef.name ?? '')).toBeDefined();
    for (const svc of of('Service') as unknown as Service[])
      expect(labels(svc.metadata?.name ?? '')).toMatchObject(svc.spec?.selector ?? { none: true });
    // The worker's probes reach its metrics server, on the port METRICS_PORT names.
    const worker = deployments[1].spec?.template.spec?.containers[0];
    const port = worker?.ports?.find((p) => p.name === 'metrics')?.containerPort;
    expect(worker?.env?.find((e) => e.name === 'METRICS_PORT')?.value).toBe(String(port));
  });
});
