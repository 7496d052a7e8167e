import { Severity, severityRank } from '@mozaic/contracts';

/** The highest of the given severities ('low' for none). */
export function maxSeverity(severities: Iterable<Severity>): Severity {
  let best: Severity = 'low';
  for (const s of severities)
    if (severityRank(s) > severityRank(best)) best = s;
  return best;
}
