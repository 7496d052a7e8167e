import { contextsConflict, entityProfile, serviceName } from './entities';

describe('entity normalisation', () => {
  it.each([
    [{ service: 'Checkout' }, 'checkout'],
    [{ workload: 'checkout' }, 'checkout'],
    [{ pod: 'checkout-7d9f8b6c5d-x2k4p' }, 'checkout'],
    [{ pod: 'checkout-x2k4p' }, 'checkout'],
    [{ pod: 'postgres-0' }, 'postgres'],
    [{ container: 'shop-checkout-1' }, 'shop-checkout'],
    [{ container: '/checkout_2' }, 'checkout'],
    [{ service: 'checkout-alb' }, 'checkout'],
    [{ service: 'app/checkout' }, 'checkout'],
    [{ service: 'checkout-svc' }, 'checkout'],
    [{ host: 'db-1' }, undefined],
  ])('derives the service of %j', (labels, expected) => {
    expect(serviceName(labels)).toBe(expected);
  });

  it('keys on the service, else the host, and keeps the context apart', () => {
    expect(
      entityProfile({
        pod: 'checkout-7d9f8b6c5d-x2k4p',
        namespace: 'Shop',
        node: 'kube-worker-1',
      }),
    ).toEqual({
      keys: ['service:checkout', 'pod:checkout-7d9f8b6c5d-x2k4p', 'system:checkout'],
      context: { namespace: 'shop' },
    });
    expect(entityProfile({ host: 'db-1', region: 'eu-west-1' })).toEqual({
      keys: ['host:db-1'],
      context: { region: 'eu-west-1' },
    });
    expect(entityProfile({})).toEqual({ keys: [], context: {} });
  });

  it('finds a conflict only where both name a dimension differently', () => {
    expect(contextsConflict({ namespace: 'shop' }, { namespace: 'staging' })).toBe(true);
    expect(contextsConflict({ namespace: 'shop' }, { environment: 'production' })).toBe(false);
    expect(contextsConflict({}, { namespace: 'shop' })).toBe(false);
  });
});
