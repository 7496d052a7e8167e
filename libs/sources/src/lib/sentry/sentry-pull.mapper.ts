import { Signal } from '@mozaic/contracts';
import { clip, Json, str } from '../json/read';
import { mapSentry, sentryEntities, sentryTags } from './sentry-webhook.mapper';

/**
 * An issue of Sentry's REST API (the same shape the issue webhook carries) as a signal; with the
 * issue's latest event, its tags (service, server, environment, release) and message are used.
 */
export function mapSentryIssue(projectId: string, issue: Json, latestEvent?: Json): Signal | null {
  const [signal] = mapSentry(projectId, 'issue', { action: 'unresolved', data: { issue } });
  if (!signal) return null;
  if (!latestEvent) return signal;
  const message = str(latestEvent, 'message') ?? str(latestEvent, 'title');
  return {
    ...signal,
    message: clip(message && message !== signal.title ? `${signal.message}\n${message}` : signal.message, 4000),
    // The event's tags say more than the issue (service, server, environment, release).
    entities: { ...signal.entities, ...sentryEntities(undefined, sentryTags(latestEvent)) },
  };
}

/** The next page's URL from a Link header (Sentry: rel="next"; results="true"), else null. */
export function nextPage(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(/,\s*(?=<)/)) {
    const url = /<([^>]+)>/.exec(part)?.[1];
    if (url && /rel="next"/.test(part) && !/results="false"/.test(part)) return url;
  }
  return null;
}
