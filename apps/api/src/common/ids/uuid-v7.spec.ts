import { uuidV7 } from './uuid-v7';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('has the version 7 / RFC variant layout and the time in its first 48 bits', () => {
    const now = Date.UTC(2026, 10, 25, 7, 0, 0);
    const id = uuidV7(now + 10_000);
    expect(id).toMatch(FORMAT);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now + 10_000);
  });

  it('is unique and strictly increasing, also many within one millisecond', () => {
    const ms = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 10_000 }, (_, i) => uuidV7(ms + Math.floor(i / 5000)));
    expect(new Set(ids).size).toBe(ids.length);
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    for (const id of ids) expect(id).toMatch(FORMAT);
  });

  it('never goes backwards when the clock does', () => {
    const a = uuidV7(Date.UTC(2031, 0, 1));
    const b = uuidV7(Date.UTC(2031, 0, 1) - 5_000);
    expect(b > a).toBe(true);
  });
});
