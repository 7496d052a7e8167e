import { Injectable } from '@nestjs/common';
import { SentryCredentials, Signal } from '@mozaic/contracts';
import { arr, Json, mapSentryIssue, nextPage, str } from '@mozaic/sources';
import { CollectResult, SourceContext, SourceCursor, SourceProvider } from '../../source-provider.interface';
import { SourceError } from '../../source-error';

const MAX_PAGES = 10;
const MAX_LATEST_EVENTS = 25;
/** The first collect looks back this far. */
const FIRST_LOOKBACK_MS = 24 * 3_600_000;

/**
 * Sentry (sentry.io or self-hosted): unresolved issues whose last event is newer than the cursor,
 * page by page (Link header), with the latest event of issues first seen since then.
 */
@Injectable()
export class SentryProvider implements SourceProvider<'sentry'> {
  readonly type = 'sentry' as const;

  async test(ctx: SourceContext<SentryCredentials>): Promise<string> {
    const org = this.org(ctx);
    const { body } = await this.get(ctx, `/api/0/organizations/${org}/projects/`);
    return `organisation ${org}: ${arr(body).length} projects visible`;
  }

  async collect(ctx: SourceContext<SentryCredentials>, cursor: SourceCursor | null): Promise<CollectResult> {
    const org = this.org(ctx);
    const since =
      typeof cursor?.['since'] === 'string' ? cursor['since'] : new Date(Date.now() - FIRST_LOOKBACK_MS).toISOString();
    const projects = ctx.config.projects?.length
      ? ctx.config.projects
      : arr((await this.get(ctx, `/api/0/organizations/${org}/projects/`)).body).map((p) => str(p, 'slug') as string);
    const signals: Signal[] = [];
    const sinceMs = Date.parse(since);
    let newest = sinceMs;
    let latestFetched = 0;
    for (const project of projects.filter(Boolean)) {
      const query = new URLSearchParams({ query: `is:unresolved lastSeen:>${since}`, sort: 'date', limit: '100' });
      let path: string | null = `/api/0/projects/${org}/${encodeURIComponent(project)}/issues/?${query}`;
      for (let page = 0; path && page < MAX_PAGES; page++) {
        const { body, headers } = await this.get(ctx, path);
        for (const issue of arr(body)) {
          const lastSeen = Date.parse(str(issue, 'lastSeen') ?? '');
          if (!(lastSeen > sinceMs)) continue;
          newest = Math.max(newest, lastSeen);
          const isNew = Date.parse(str(issue, 'firstSeen') ?? '') > sinceMs;
          const latest =
            isNew && latestFetched++ < MAX_LATEST_EVENTS
              ? (await this.get(ctx, `/api/0/organizations/${org}/issues/${str(issue, 'id')}/events/latest/`)).body
              : undefined;
          const s = mapSentryIssue(ctx.projectId, issue, latest);
          if (s) signals.push(s);
        }
        path = nextPage(headers.get('link'));
      }
    }
    return { signals, cursor: { since: new Date(newest).toISOString() } };
  }

  private org(ctx: SourceContext<SentryCredentials>): string {
    if (!ctx.config.organization) throw new SourceError('invalid', 'organization is required');
    return encodeURIComponent(ctx.config.organization);
  }

  /** A path on the configured Sentry, or an absolute next-page URL (which must stay on that host). */
  private async get(
    ctx: SourceContext<SentryCredentials>,
    pathOrUrl: string,
  ): Promise<{ body: Json; headers: Headers }> {
    const creds = ctx.credentials;
    const base = await ctx.checkUrl(ctx.config.base_url ?? 'https://sentry.io');
    const url = /^https?:/.test(pathOrUrl)
      ? new URL(pathOrUrl)
      : new URL(base.pathname.replace(/\/$/, '') + pathOrUrl, base);
    if (url.origin !== base.origin)
      throw new SourceError('invalid', 'Sentry pointed to another host for the next page');
    const answer = await ctx.http.getJson<Json>(url, {
      headers: { Authorization: `Bearer ${creds.auth_token}` },
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      what: 'Sentry',
    });
    return { body: answer.body, headers: answer.headers };
  }
}
