/** What a JSON value may hold; each limit is checked only when given. */
export interface JsonRules {
  maxDepth: number;
  maxStringLength?: number;
  forbidNul?: boolean;
  forbiddenKeys?: ReadonlySet<string>;
}

/** The first rule a JSON value breaks. */
export type JsonBreach = { rule: 'depth' } | { rule: 'string-length' } | { rule: 'nul' } | { rule: 'key'; key: string };

/**
 * Walks a parsed JSON value once, iteratively (a value nested thousands of levels deep cannot
 * overflow the stack), and says which rule it breaks first, or null.
 */
export function jsonBreach(value: unknown, rules: JsonRules): JsonBreach | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v === 'string') {
      if (rules.maxStringLength !== undefined && v.length > rules.maxStringLength) return { rule: 'string-length' };
      if (rules.forbidNul && v.includes('\u0000')) return { rule: 'nul' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= rules.maxDepth) return { rule: 'depth' };
    for (const key of Object.keys(v)) {
      if (rules.forbiddenKeys?.has(key)) return { rule: 'key', key };
      if (rules.forbidNul && key.includes('\u0000')) return { rule: 'nul' };
      stack.push([(v as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}
