import { ServiceType } from '@mozaic/contracts';
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

  it('checks values with the rules and words the API uses (libs/sources)', () => {
    const f = (type: ServiceType, key: string) => SOURCE_FIELDS(type).find((x) => x.key === key)!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    expect(fieldProblem(f('docker', 'host'), '')).toMatch(/required/);
    expect(fieldProblem(f('docker', 'host'), 'http://x')).toMatch(
      /unix:\/\/\/path\/to\/docker.sock or tcp:\/\/host:port/,
    );
    expect(fieldProblem(f('docker', 'host'), 'unix:///var/run/docker.sock')).toBeNull();
    expect(fieldProblem(f('cloudwatch', 'region'), 'eu-west-1')).toBeNull();
    expect(fieldProblem(f('cloudwatch', 'region'), 'Europe')).toMatch(/region must be an AWS region/);
    expect(fieldProblem(f('kubernetes', 'namespaces'), 'default, Bad_NS')).toMatch(/namespace names/);
    expect(fieldProblem(f('grafana', 'interval_seconds'), '5')).toMatch(/from 10 to 86400/);
  });
});
