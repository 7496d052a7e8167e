import { Injectable } from '@nestjs/common';
import { GrafanaCredentials } from '@mozaic/contracts';
import { activeInstances, FiringInstance, grafanaSignals, Json, ruleSummary } from '@mozaic/sources';
import { CollectResult, SourceContext, SourceCursor, SourceProvider } from '../../source-provider.interface';
import { SourceError } from '../../source-error';

const MAX_TRACKED = 2_000;

/**
 * Grafana alerting, pulled: firing alert instances from Grafana's Alertmanager-compatible API, rule
 * states from its Prometheus-compatible API; instances that disappear are reported resolved.
 */
@Injectable()
export class GrafanaProvider implements SourceProvider<'grafana'> {
  readonly type = 'grafana' as const;

  async test(ctx: SourceContext<GrafanaCredentials>): Promise<string> {
    const rules = ruleSummary(await this.get(ctx, '/api/prometheus/grafana/api/v1/rules'));
    return `${rules.rules} alert rules, ${rules.firing} firing`;
  }

  async collect(ctx: SourceContext<GrafanaCredentials>, cursor: SourceCursor | null): Promise<CollectResult> {
    const body = await this.get(
      ctx,
      '/api/alertmanager/grafana/api/v2/alerts?active=true&silenced=false&inhibited=false',
    );
    const firing = activeInstances(body);
    const before = (cursor?.['firing'] ?? {}) as Record<string, FiringInstance>;
    const signals = grafanaSignals(ctx.projectId, firing, before, new Date());
    const next: Record<string, FiringInstance> = {};
    for (const [fp, a] of [...firing].slice(0, MAX_TRACKED))
      next[fp] = { labels: a.labels, startsAt: a.startsAt, generatorURL: a.generatorURL };
    return { signals, cursor: { firing: next } };
  }

  private async get(ctx: SourceContext<GrafanaCredentials>, path: string): Promise<Json> {
    const creds = ctx.credentials;
    if (!ctx.config.base_url) throw new SourceError('invalid', 'base_url is required');
    const base = await ctx.checkUrl(ctx.config.base_url);
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
    const answer = await ctx.http.getJson<Json>(url, {
      headers: { Authorization: `Bearer ${creds.token}` },
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      what: 'Grafana',
    });
    return answer.body;
  }
}
