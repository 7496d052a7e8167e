import { Injectable } from '@nestjs/common';
import {
  ApiException,
  ConfigurationOptions,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';
import { KubernetesCredentials, Signal } from '@mozaic/contracts';
import {
  FailingContainer,
  Json,
  kubeconfigProblems,
  kubernetesRelations,
  mapContainerLog,
  mapKubernetesEvent,
  mapPodStatus,
  str,
} from '@mozaic/sources';
import { httpError, linked } from '../../outbound/outbound-http';
import { CollectResult, SourceContext, SourceCursor, SourceProvider } from '../../source-provider.interface';
import { SourceError } from '../../source-error';

const MAX_LOG_FETCHES = 10;
const FIRST_LOOKBACK_MS = 3_600_000;

/** The SDK's objects carry Dates; the mappers read the API's JSON. */
const asJson = (o: unknown): Json => JSON.parse(JSON.stringify(o)) as Json;

/**
 * Kubernetes through @kubernetes/client-node: Warning events since the cursor, pods in trouble
 * (CrashLoopBackOff, image pulls, OOMKilled, restarts since the last poll) and the tail of the
 * failing containers' previous logs. Namespaces are limited to the account's allow-list.
 */
@Injectable()
export class KubernetesProvider implements SourceProvider<'kubernetes'> {
  readonly type = 'kubernetes' as const;

  async test(ctx: SourceContext<KubernetesCredentials>): Promise<string> {
    const { api, options } = await this.client(ctx);
    const namespaces = ctx.config.namespaces;
    try {
      if (namespaces?.length) {
        for (const namespace of namespaces) await api.listNamespacedPod({ namespace, limit: 1 }, options);
        return `${namespaces.length} namespace(s) readable`;
      }
      const list = await api.listNamespace({ limit: 500 }, options);
      return `${list.items.length} namespaces visible`;
    } catch (e) {
      throw this.failure(e, ctx);
    }
  }

  async collect(ctx: SourceContext<KubernetesCredentials>, cursor: SourceCursor | null): Promise<CollectResult> {
    const { api, networking, options, cluster } = await this.client(ctx);
    const now = new Date();
    const topology = { services: [] as Json[], ingresses: [] as Json[], pods: [] as Json[] };
    const since =
      Date.parse(typeof cursor?.['since'] === 'string' ? cursor['since'] : '') || now.getTime() - FIRST_LOOKBACK_MS;
    const restartsBefore = (cursor?.['restarts'] ?? {}) as Record<string, number>;
    const namespaces = ctx.config.namespaces?.length ? ctx.config.namespaces : [null];
    const signals: Signal[] = [];
    const restarts: Record<string, number> = {};
    const failing: Array<FailingContainer & { uid: string }> = [];
    try {
      for (const namespace of namespaces) {
        const events = namespace
          ? await api.listNamespacedEvent({ namespace, fieldSelector: 'type=Warning' }, options)
          : await api.listEventForAllNamespaces({ fieldSelector: 'type=Warning' }, options);
        for (const e of events.items) {
          const s = mapKubernetesEvent(ctx.projectId, asJson(e), cluster);
          if (s && Date.parse(s.occurredAt) > since) signals.push(s);
        }
        const pods = namespace
          ? await api.listNamespacedPod({ namespace }, options)
          : await api.listPodForAllNamespaces({}, options);
        // Services and Ingresses state dependencies (see kubernetes-topology.mapper); a cluster
        // without the permission to list them still collects everything else.
        const services = await (
          namespace ? api.listNamespacedService({ namespace }, options) : api.listServiceForAllNamespaces({}, options)
        ).catch(() => ({ items: [] }));
        const ingresses = await (
          namespace
            ? networking.listNamespacedIngress({ namespace }, options)
            : networking.listIngressForAllNamespaces({}, options)
        ).catch(() => ({ items: [] }));
        topology.services.push(...services.items.map(asJson));
        topology.ingresses.push(...ingresses.items.map(asJson));
        for (const p of pods.items) {
          const pod = asJson(p);
          topology.pods.push(pod);
          const r = mapPodStatus(ctx.projectId, pod, restartsBefore, now, cluster);
          // Conditions already reported stay quiet unless something changed since the last poll.
          signals.push(
            ...r.signals.filter((s) => !cursor || Date.parse(s.occurredAt) > since || s.label === 'restarts'),
          );
          Object.assign(restarts, r.restarts);
          failing.push(...r.failing.map((f) => ({ ...f, uid: str(pod, 'metadata', 'uid') ?? '' })));
        }
      }
      for (const f of failing.slice(0, MAX_LOG_FETCHES)) {
        const text = await api
          .readNamespacedPodLog(
            {
              name: f.pod,
              namespace: f.namespace,
              container: f.container,
              previous: f.restarted,
              tailLines: 50,
              timestamps: true,
            },
            options,
          )
          .catch(() => ''); // no previous instance (yet), or logs gone: the status says enough
        signals.push(
          ...mapContainerLog(ctx.projectId, f, text, cluster).filter((s) => Date.parse(s.occurredAt) > since),
        );
      }
    } catch (e) {
      throw this.failure(e, ctx);
    }
    const relations = kubernetesRelations(topology.services, topology.ingresses, topology.pods, cluster ?? 'cluster');
    return { signals, cursor: { since: now.toISOString(), restarts }, relations };
  }

  /** A client for the account: a kubeconfig (and context), or server + token (+ CA). */
  private async client(ctx: SourceContext<KubernetesCredentials>) {
    const creds = ctx.credentials;
    const kc = new KubeConfig();
    try {
      if (creds.kubeconfig) {
        const problems = kubeconfigProblems(creds.kubeconfig);
        if (problems.length) throw new SourceError('invalid', problems.join('; '));
        kc.loadFromString(creds.kubeconfig);
        if (ctx.config.context) kc.setCurrentContext(ctx.config.context);
      } else {
        kc.loadFromOptions({
          clusters: [
            {
              name: 'cluster',
              server: creds.server ?? '',
              caData: creds.ca_cert ? Buffer.from(creds.ca_cert).toString('base64') : undefined,
              skipTLSVerify: false,
            },
          ],
          users: [{ name: 'user', token: creds.token }],
          contexts: [{ name: 'mozaic', cluster: 'cluster', user: 'user' }],
          currentContext: 'mozaic',
        });
      }
    } catch (e) {
      if (e instanceof SourceError) throw e;
      throw new SourceError('invalid', 'the kubeconfig cannot be read');
    }
    // Plain http (e.g. kubectl proxy) has no TLS to verify; the SDK insists on the flag for it.
    if (kc.clusters.some((c) => c.server.startsWith('http:') && !c.skipTLSVerify))
      kc.loadFromOptions({
        clusters: kc.clusters.map((c) => (c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c)),
        users: kc.users,
        contexts: kc.contexts,
        currentContext: kc.getCurrentContext(),
      });
    const current = kc.getCurrentCluster();
    if (!current?.server) throw new SourceError('invalid', 'the kubeconfig names no cluster server');
    await ctx.checkUrl(current.server);
    if (kc.getCurrentUser()?.exec || kc.getCurrentUser()?.authProvider)
      throw new SourceError('invalid', 'exec and auth-provider credentials are not supported: use a token');
    const user = kc.getCurrentUser();
    const b64 = (v: string | undefined) => (v ? Buffer.from(v, 'base64') : undefined);
    // Every request goes through this call's guarded agent (policy on the address connected to, no
    // redirects), with the cluster's TLS settings: the SDK's own agent is replaced below.
    const agent = current.server.startsWith('http:')
      ? ctx.agents.http()
      : ctx.agents.https({
          ca: b64(current.caData),
          cert: b64(user?.certData),
          key: b64(user?.keyData),
          rejectUnauthorized: !current.skipTLSVerify,
          servername: current.tlsServerName,
        });
    const api = kc.makeApiClient(CoreV1Api);
    const networking = kc.makeApiClient(NetworkingV1Api);
    // Every request carries a timeout and the deadline. The object-parameter API takes observable
    // middleware: the SDK only calls toPromise() on what pre/post return.
    const observable = <T>(value: () => T) => ({ toPromise: async () => value() });
    const options = {
      middleware: [
        {
          pre: (c: RequestContext) =>
            observable(() => {
              c.setSignal(linked(ctx.signal, ctx.timeoutMs).signal);
              c.setAgent(agent);
              return c;
            }),
          post: (r: ResponseContext) => observable(() => r),
        },
      ],
      middlewareMergeStrategy: 'append',
    } as unknown as ConfigurationOptions;
    return { api, networking, options, cluster: current.name === 'cluster' ? undefined : current.name };
  }

  private failure(e: unknown, ctx: SourceContext<KubernetesCredentials>): SourceError {
    if (e instanceof SourceError) return e;
    if (e instanceof ApiException)
      return httpError('The Kubernetes API', {
        status: e.code,
        headers: new Headers(e.headers as Record<string, string>),
      });
    const err = e as { name?: string; type?: string; code?: string; message?: string };
    if (ctx.signal.aborted) return new SourceError('timeout', "the collection's deadline passed");
    if (err.name === 'AbortError' || err.type === 'aborted')
      return new SourceError('timeout', `the Kubernetes API did not answer within ${ctx.timeoutMs} ms`);
    return new SourceError(
      'unreachable',
      `the Kubernetes API is unreachable (${err.code ?? err.message ?? 'unknown error'})`,
    );
  }
}
