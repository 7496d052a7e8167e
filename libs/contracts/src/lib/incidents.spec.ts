import { incidentHasSource } from './incidents';

describe('incidentHasSource', () => {
  it('puts an incident of several sources under each of them', () => {
    expect(incidentHasSource({ sources: ['kubernetes', 'sentry'] }, 'sentry')).toBe(true);
    expect(incidentHasSource({ sources: ['kubernetes', 'sentry'] }, 'kubernetes')).toBe(true);
    expect(incidentHasSource({ sources: ['kubernetes', 'sentry'] }, 'grafana')).toBe(false);
  });
});

import { matchersText, parseMatchers } from './matchers';

describe('matcher text (portal and Alertmanager filter alike)', () => {
  it('reads Alertmanager’s form and writes it back', () => {
    const text = 'alertname="DiskFull", service=~"api|web", namespace!="dev", job!~"test.*"';
    const ms = parseMatchers(text);
    expect(ms.map((m) => m.op)).toEqual(['=', '=~', '!=', '!~']);
    expect(matchersText(ms)).toBe(text);
    expect(parseMatchers('team=infra')).toEqual([{ name: 'team', op: '=', value: 'infra' }]);
    expect(() => parseMatchers('service')).toThrow(/not a matcher/);
  });
});
