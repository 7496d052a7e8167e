import { Signal } from '@mozaic/contracts';
import { fingerprint, signalKey } from './fingerprint';
import { hash64 } from './hash';

const base: Signal = {
  projectId: 'p',
  source: 'grafana',
  sourceRef: null,
  occurredAt: '2026-11-02T10:00:00Z',
  severity: 'high',
  status: 'firing',
  title: 'Disk 91% full',
  message: '',
  entities: { host: 'db-1', region: 'eu' },
  raw: null,
};

describe('fingerprint', () => {
  it("uses the source's own stable id when it has one", () => {
    expect(fingerprint({ ...base, sourceRef: 'a1bc48475b20e73d' })).toBe('grafana:a1bc48475b20e73d');
  });

  it('else hashes the normalised fields: numbers, case, spacing and label order do not matter', () => {
    const a = fingerprint(base);
    expect(a).toMatch(/^grafana:h:[0-9a-f]{16}$/);
    expect(
      fingerprint({
        ...base,
        title: 'disk  97% FULL',
        entities: { region: 'eu', host: 'DB-1' },
      }),
    ).toBe(a);
    expect(fingerprint({ ...base, entities: { host: 'db-2', region: 'eu' } })).not.toBe(a);
    expect(fingerprint({ ...base, source: 'alertmanager' })).not.toBe(a);
  });

  it('separates fields so that shifted boundaries do not collide', () => {
    expect(fingerprint({ ...base, title: 'ab', entities: { host: 'c' } })).not.toBe(
      fingerprint({ ...base, title: 'a', entities: { host: 'bc' } }),
    );
  });

  it('tells a redelivery (same time and status) from a repeat', () => {
    const fp = fingerprint(base);
    expect(signalKey(base, fp)).toBe(signalKey({ ...base }, fp));
    expect(signalKey({ ...base, occurredAt: '2026-11-02T10:01:00Z' }, fp)).not.toBe(signalKey(base, fp));
    expect(signalKey({ ...base, status: 'resolved' }, fp)).not.toBe(signalKey(base, fp));
  });

  it('hashes stably', () => {
    expect(hash64('mozaic')).toBe(hash64('mozaic'));
    expect(hash64('mozaic')).not.toBe(hash64('mozaiC'));
  });
});
