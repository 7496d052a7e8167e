import { maxSeverity } from './severity';

describe('maxSeverity', () => {
  it('picks the highest severity', () => {
    expect(maxSeverity(['low', 'critical', 'medium'])).toBe('critical');
    expect(maxSeverity(['medium', 'high'])).toBe('high');
  });
  it('answers low for no severities', () => {
    expect(maxSeverity([])).toBe('low');
  });
});
