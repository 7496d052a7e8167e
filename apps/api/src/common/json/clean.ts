/** NUL and lone UTF-16 surrogates: PostgreSQL text and jsonb cannot hold them. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(s: string): string {
  return s.replace(UNSTORABLE, '\ufffd');
}

/** A deep copy with every string (keys too) made storable. */
export function cleanJson<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanJson(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[cleanText(k)] = cleanJson(v);
    return out as T;
  }
  return value;
}
