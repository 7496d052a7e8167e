import { fieldProblem, formRequest, partProblems } from './fields';
import { pullFormOf, SOURCES, webhookOf } from './registry';

describe('account forms (one rule set for the API and the portal)', () => {
  it('accepts a kubeconfig, or a server with a token, and says so when neither is given', () => {
    const k8s = pullFormOf('kubernetes');
    expect(partProblems(k8s, 'credentials', { server: 'https://k8s:6443', token: 't' })).toEqual([]);
    expect(partProblems(k8s, 'credentials', { server: 'https://k8s:6443' })).toEqual(['credentials.token is required']);
    expect(partProblems(k8s, 'credentials', {})).toEqual(['credentials: give a kubeconfig, or server and token']);
    expect(partProblems(k8s, 'credentials', { kubeconfig: 'users:\n- name: u\n  user:\n    exec: {}\n' })[0]).toMatch(
      /exec credential plugins are not supported/,
    );
  });

  it('refuses unknown fields, wrong types, bad items and out-of-range numbers, naming the field', () => {
    const cw = pullFormOf('cloudwatch');
    expect(
      partProblems(cw, 'config', { region: 'Europe', extra: 1, interval_seconds: 5, log_group_names: [''] }),
    ).toEqual([
      'config.extra: unknown field',
      'config.region must be an AWS region such as eu-west-1',
      'config.log_group_names must hold non-empty texts',
      'config.interval_seconds must be from 10 to 86400',
    ]);
    expect(partProblems(cw, 'config', [])).toEqual(['config must be an object']);
    expect(partProblems(pullFormOf('docker'), 'credentials', { host: 42 })).toEqual([
      'credentials.host must be a string',
    ]);
  });

  it('checks what a person types with the same rules, and builds the request from it', () => {
    const sentry = pullFormOf('sentry');
    const org = sentry.fields.find((f) => f.key === 'organization');
    expect(org && fieldProblem(org, '')).toBe('Organisation slug is required.');
    expect(org && fieldProblem(org, 'my org')).toBe('organization must be a slug');
    expect(
      formRequest(sentry, { organization: 'acme', projects: 'web, api,', auth_token: 'x', base_url: ' ' }),
    ).toEqual({
      credentials: { auth_token: 'x' },
      config: { organization: 'acme', projects: ['web', 'api'] },
    });
  });

  it('knows every source once: webhook, pull or both', () => {
    expect(Object.entries(SOURCES).map(([k, d]) => [k, !!d.webhook, !!d.pull])).toEqual([
      ['alertmanager', true, false],
      ['cloudwatch', true, true],
      ['docker', false, true],
      ['grafana', true, true],
      ['kubernetes', false, true],
      ['sentry', true, true],
    ]);
    expect(webhookOf('docker')).toBeUndefined();
    expect(webhookOf('__proto__')).toBeUndefined();
  });
});
