import { Signal } from '@mozaic/contracts';
import { hash64 } from './hash';

/** Unit separator: joins fields so that ("ab","c") and ("a","bc") never collide. */
const SEP = '\u001f';

/**
 * The dedup key of a signal: the source's own stable id where it has one (Sentry issue id,
 * CloudWatch account/region/alarm, Alertmanager fingerprint, k8s object uid + reason, Docker
 * container id + event), else a hash of the normalised identifying fields. Status and time are
 * not part of it: a firing and a resolved signal of one thing fold into one alert.
 */
export function fingerprint(s: Pick<Signal, 'projectId' | 'source' | 'sourceRef' | 'title' | 'entities'>): string {
  if (s.sourceRef) return `${s.source}:${s.sourceRef}`.slice(0, 128);
  const entities = Object.keys(s.entities)
    .filter((k) => s.entities[k])
    .sort()
    .map((k) => `${k}=${String(s.entities[k]).toLowerCase()}`)
    .join(SEP);
  const title = s.title.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\d+/g, '#');
  return `${s.source}:h:${hash64([s.source, title, entities].join(SEP))}`;
}

/** Identity of one delivery of a signal: a redelivery has the same key and changes nothing. */
export function signalKey(s: Pick<Signal, 'occurredAt' | 'status'>, fp: string): string {
  return hash64([fp, new Date(s.occurredAt).toISOString(), s.status].join(SEP));
}
