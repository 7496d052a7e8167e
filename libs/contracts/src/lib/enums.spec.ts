import { SERVICE_TYPES, SEVERITIES, SIGNAL_SOURCES, severityRank } from './enums';

describe('contracts enums', () => {
  it('ranks severities from low to critical', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2, 3]);
    expect(severityRank('critical')).toBeGreaterThan(severityRank('high'));
  });

  it('lists every connectable service as a signal source, plus push-only Alertmanager', () => {
    for (const s of SERVICE_TYPES) expect(SIGNAL_SOURCES).toContain(s);
    expect(SIGNAL_SOURCES).toContain('alertmanager');
    expect(SERVICE_TYPES).not.toContain('alertmanager');
  });
});
