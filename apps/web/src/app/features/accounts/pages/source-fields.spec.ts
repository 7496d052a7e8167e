import { fieldProblem, SOURCE_FIELDS, toRequest } from './source-fields';

describe('connect form fields', () => {
  it('builds the request: credentials and config apart, lists split, numbers parsed, empty fields left out', () => {
    expect(
      toRequest('kubernetes', {
        server: 'https://k8s:6443',
        token: 't0k',
        namespaces: 'default, web ,',
        interval_seconds: '30',
        ca_cert: '',
      }),
    ).toEqual({
      credentials: { server: 'https://k8s:6443', token: 't0k' },
      config: { namespaces: ['default', 'web'], interval_seconds: 30 },
    });
  });

  it('checks values as the API does', () => {
    const f = (type: keyof typeof SOURCE_FIELDS, key: string) => SOURCE_FIELDS[type].find((x) => x.key === key)!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    expect(fieldProblem(f('docker', 'host'), '')).toMatch(/required/);
    expect(fieldProblem(f('docker', 'host'), 'http://x')).toMatch(/not a valid/);
    expect(fieldProblem(f('docker', 'host'), 'unix:///var/run/docker.sock')).toBeNull();
    expect(fieldProblem(f('cloudwatch', 'region'), 'eu-west-1')).toBeNull();
    expect(fieldProblem(f('cloudwatch', 'region'), 'Europe')).toMatch(/not a valid/);
    expect(fieldProblem(f('kubernetes', 'namespaces'), 'default, Bad_NS')).toMatch(/not a valid/);
    expect(fieldProblem(f('grafana', 'interval_seconds'), '5')).toMatch(/10 to 86400/);
  });
});
