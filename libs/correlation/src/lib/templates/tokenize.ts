/** The token that stands for a variable part of a message. */
export const WILDCARD = '<*>';

const SPACE = 32;
const TAB = 9;
const ZERO = 48;
const NINE = 57;
const SLASH = 47;
const EQUALS = 61;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === 10 || c === 13;
}

/**
 * Whether a token (content[start, end)) is a variable, by shape only — the same rules for every log:
 * anything with a digit (numbers, ids, IPs and ports, hex, UUIDs, times, durations, sizes, versioned
 * names), URLs, and file paths.
 */
function isVariable(s: string, start: number, end: number): boolean {
  let slashes = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= ZERO && c <= NINE) return true;
    if (c === SLASH) slashes++;
    else if (c === COLON && i + 2 < end && s.charCodeAt(i + 1) === SLASH && s.charCodeAt(i + 2) === SLASH) return true;
  }
  // A path: /usr/lib/x, ./a/b, or a/b/c — at least two separators.
  return slashes >= 2 || (slashes === 1 && s.charCodeAt(start) === SLASH && end - start > 1);
}

/**
 * Splits a message on white space into `out` (cleared first) with variable tokens masked as <*>;
 * `values`, when given, receives each token's original text (a collapsed run: its texts joined).
 * `key=value` is split after the '=' so the key stays a constant; a run of variables becomes one <*>.
 * One pass, no regular expressions.
 * Returns the number of tokens.
 */
export function tokenize(s: string, out: string[], values?: string[]): number {
  out.length = 0;
  if (values) values.length = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let eq = -1;
    while (i < n && !isSpace(s.charCodeAt(i))) {
      if (eq < 0 && s.charCodeAt(i) === EQUALS) eq = i;
      i++;
    }
    if (eq > start && eq < i - 1) {
      push(out, values, false, s, start, eq + 1);
      push(out, values, isVariable(s, eq + 1, i), s, eq + 1, i);
    } else {
      push(out, values, isVariable(s, start, i), s, start, i);
    }
  }
  return out.length;
}

/**
 * Adds one token (the constant text, or <*> when `variable`). Adjacent variables collapse into one
 * <*>, so lists of any length (ids, hosts) share a template; `values` then gets their text joined.
 */
function push(
  out: string[],
  values: string[] | undefined,
  variable: boolean,
  s: string,
  from: number,
  to: number,
): void {
  if (!variable) {
    const text = s.slice(from, to);
    out.push(text);
    values?.push(text);
  } else if (out.length > 0 && out[out.length - 1] === WILDCARD && (!values || values.length === out.length)) {
    if (values) values[values.length - 1] += ' ' + s.slice(from, to);
  } else {
    out.push(WILDCARD);
    values?.push(s.slice(from, to));
  }
}
