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
 * Splits a message on white space into `out` (cleared first) with variable tokens masked as <*>.
 * `key=value` is split after the '=' so the key stays a constant; a run of variables becomes one <*>.
 * One pass, no regular expressions.
 * Returns the number of tokens.
 */
export function tokenize(s: string, out: string[]): number {
  out.length = 0;
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
      out.push(s.slice(start, eq + 1));
      push(out, isVariable(s, eq + 1, i) ? WILDCARD : s.slice(eq + 1, i));
    } else {
      push(out, isVariable(s, start, i) ? WILDCARD : s.slice(start, i));
    }
  }
  return out.length;
}

/** Adjacent variables collapse into one <*>, so lists of any length (ids, hosts) share a template. */
function push(out: string[], token: string): void {
  if (token === WILDCARD && out.length > 0 && out[out.length - 1] === WILDCARD) return;
  out.push(token);
}
