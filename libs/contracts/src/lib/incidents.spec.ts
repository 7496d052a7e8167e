import { incidentHasSource } from './incidents';

describe('incidentHasSource', () => {
  it('puts an incident of several sources under each of them', () => {
    expect(incidentHasSource({ sources: ['kubernetes', 'sentry'] }, 'sentry')).toBe(true);
    expect(incidentHasSource({ sources: ['kubernetes', 'sentry'] }, 'kubernetes')).toBe(true);
    expect(incidentHasSource({ sources: ['kubernetes', 'sentry'] }, 'grafana')).toBe(false);
  });
});
