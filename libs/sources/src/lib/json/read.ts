/**
 * Safe reads from untrusted JSON: a wrong type anywhere answers undefined instead of throwing,
 * so mappers stay total over arbitrary (fuzzed) payloads.
 */
export type Json = unknown;

export function at(value: Json, ...path: Array<string | number>): Json {
  let cur: Json = value;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[p];
  }
  return cur;
}

export function str(value: Json, ...path: Array<string | number>): string | undefined {
  const v = at(value, ...path);
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function num(value: Json, ...path: Array<string | number>): number | undefined {
  const v = at(value, ...path);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function obj(value: Json, ...path: Array<string | number>): Record<string, Json> | undefined {
  const v = at(value, ...path);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Json>) : undefined;
}

export function arr(value: Json, ...path: Array<string | number>): Json[] {
  const v = at(value, ...path);
  return Array.isArray(v) ? v : [];
}

/** A valid ISO time from a string or epoch seconds/milliseconds, else undefined. */
export function isoTime(value: Json): string | undefined {
  let d: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) d = new Date(value > 1e12 ? value : value * 1000);
  else if (typeof value === 'string' && value.trim() !== '') {
    // CloudWatch writes "+0000" offsets, which Date.parse does not take everywhere.
    d = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  }
  if (!d || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1971) return undefined;
  return d.toISOString();
}

/** Truncates to a column's length. */
export function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
