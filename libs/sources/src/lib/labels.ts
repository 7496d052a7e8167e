import { EntityLabels } from '@mozaic/contracts';
import { clip } from './json/read';

/** A source's entity labels: empty values dropped, each value cut to 200 characters. */
export function clean(e: Record<string, string | undefined>): EntityLabels {
  const out: EntityLabels = {};
  for (const [k, v] of Object.entries(e)) if (v) out[k] = clip(v, 200);
  return out;
}
