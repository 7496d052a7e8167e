import { heartbeatSignal, isHeartbeat, missingAfter, nextInterval } from './heartbeats';

describe('heartbeats', () => {
  it('knows a heartbeat from other meta alerts', () => {
    expect(isHeartbeat({ kind: 'meta', label: 'Watchdog' })).toBe(true);
    expect(isHeartbeat({ kind: 'meta', label: 'DeadMansSwitch' })).toBe(true);
    expect(isHeartbeat({ kind: 'meta', label: 'InfoInhibitor' })).toBe(false);
    expect(isHeartbeat({ kind: 'alert', label: 'Watchdog' })).toBe(false);
  });

  it('learns the rhythm from the gaps, ignoring an HA double-send', () => {
    expect(nextInterval(null, 60_000)).toBe(60_000);
    expect(nextInterval(60_000, 400)).toBe(60_000);
    expect(nextInterval(60_000, 160_000)).toBe(90_000);
  });

  it('counts three beats missing, at least the floor', () => {
    expect(missingAfter(60_000, 600_000)).toBe(600_000);
    expect(missingAfter(3_600_000, 600_000)).toBe(10_800_000);
    expect(missingAfter(null, 600_000)).toBe(600_000);
  });

  it('names the sender and the time in the signal', () => {
    const s = heartbeatSignal(
      'p',
      { ref: 'abc', name: 'monitoring/kps-prometheus', lastReceivedAt: Date.parse('2026-11-01T10:00:00Z') },
      'firing',
      Date.parse('2026-11-01T10:10:00Z'),
    );
    expect(s).toMatchObject({
      sourceRef: 'heartbeat-missing:abc',
      status: 'firing',
      occurredAt: '2026-11-01T10:10:00.000Z',
    });
    expect(s.title).toBe(
      'Alertmanager stopped sending: no Watchdog from monitoring/kps-prometheus since 2026-11-01T10:00:00.000Z',
    );
  });
});
