import { atLeast, maxSeverity, normalizeSeverity } from './severity';

describe('severity', () => {
  it('picks the highest severity', () => {
    expect(maxSeverity(['low', 'critical', 'medium'])).toBe('critical');
    expect(maxSeverity([])).toBe('low');
    expect(atLeast('low', 'high')).toBe('high');
    expect(atLeast('critical', 'high')).toBe('critical');
  });

  it.each([
    // An exception describes one request, not the outage: calibrated below the common names.
    ['sentry', 'fatal', 'high'],
    ['sentry', 'error', 'medium'],
    ['sentry', 'critical', 'critical'],
    ['sentry', 'warning', 'medium'],
    ['sentry', 'info', 'low'],
    ['sentry', 20, 'critical'],
    ['sentry', 10, 'medium'],
    ['alertmanager', 'critical', 'critical'],
    ['alertmanager', 'page', 'critical'],
    ['alertmanager', 'warning', 'medium'],
    ['alertmanager', 'bogus', 'medium'],
    ['grafana', undefined, 'medium'],
    ['kubernetes', 'Normal', 'low'],
    ['cloudwatch', 'ALARM', 'high'],
    ['docker', 'unknown', 'low'],
  ] as const)('normalises %s %s to %s', (source, level, expected) => {
    expect(normalizeSeverity(source, level)).toBe(expected);
  });
});
