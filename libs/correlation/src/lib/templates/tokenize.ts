/** The token that stands for a variable part of a message. */
export const WILDCARD = '<*>';

const SPACE = 32;
const TAB = 9;
const ZERO = 48;
const NINE = 57;
const SLASH = 47;
const COLON = 58;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === 10 || c === 13;
}

const isDigit = (c: number) => c >= ZERO && c <= NINE;

/**
 * Punctuation that separates the parts of one whitespace token — `[client`, `1.2.3.4]`,
 * `uid=0`, `10.0.0.1:50010:Got`, `(18.4`, `core.2275` — kept as they are, so a template keeps its
 * brackets, colons, dots and `key=` while the value between them is masked. `-` and `_` are not
 * among them: they hold identifiers and host names together.
 */
const DELIMS = new Uint8Array(128);
for (const ch of ':=,;()[]{}"\'|<>@#!?*.') DELIMS[ch.charCodeAt(0)] = 1;
const isDelim = (c: number) => c < 128 && DELIMS[c] === 1;

/**
 * Whether one part of a token is a variable, by shape: it starts with a digit (numbers, IPs,
 * times, sizes, `3f2504e0-…` UUIDs, `35ms`), carries a run of four digits or more (block, job and
 * container ids: `blk_-1608999687919862906`, `part-00005`), or interleaves letters and digits
 * three times or more (generated ids). Words with a short digit run — `ssh2`, `jk2_init`,
 * `log4j`, `x86_64`, `sha256` — stay constants unless they vary within an event (the miner
 * generalises them then).
 */
function isVariablePart(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const c0 = s.charCodeAt(start);
  if (isDigit(c0)) return true;
  // A one-level path or an address written as one: /var, /10.250.10.6
  if (c0 === SLASH && end - start > 1) return true;
  if ((c0 === MINUS || c0 === PLUS) && end - start > 1 && isDigit(s.charCodeAt(start + 1))) return true;
  let run = 0;
  let flips = 0;
  let prev = 0; // 1 digit, 2 letter, 0 other
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const kind = isDigit(c) ? 1 : (c | 32) >= 97 && (c | 32) <= 122 ? 2 : 0;
    if (kind === 1) {
      if (++run >= 4) return true;
    } else run = 0;
    if (kind !== 0 && prev !== 0 && kind !== prev) flips++;
    prev = kind;
  }
  // Letters and digits interleaved three times or more: a generated id (a pod's 67d4bdd6f5-w6kd7),
  // not a word with a number in it (log4j, md5sum, sha256).
  return flips >= 3;
}

/** Eight hex digits or more, letters only included (a mask ffffffff, a hash): a value. */
function isLongHex(s: string, start: number, end: number): boolean {
  if (end - start < 8) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function hasLongHexRun(s: string, start: number, end: number): boolean {
  let run = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) | 32;
    run = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) ? run + 1 : 0;
    if (run >= 8) return true;
  }
  return false;
}

/** Top-level domains that end host names (a Java package begins with one instead). */
const TLDS = new Set([
  'com',
  'net',
  'org',
  'edu',
  'gov',
  'mil',
  'io',
  'uk',
  'de',
  'fr',
  'jp',
  'cn',
  'hk',
  'ru',
  'br',
  'au',
  'ca',
  'nl',
  'eu',
  'local',
  'internal',
  'lan',
  'localdomain',
]);

/** A host name: labels joined by dots, the last a top-level domain (gw.example.com, n1.corp.local). */
function isHostName(s: string, start: number, end: number): boolean {
  const dot = s.lastIndexOf('.', end - 1);
  if (dot <= start || dot >= end - 1) return false;
  return TLDS.has(s.slice(dot + 1, end).toLowerCase());
}

/** A Windows path: C:\\x, or two backslashes or more. */
function isWindowsPath(s: string, start: number, end: number): boolean {
  let slashes = 0;
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === BACKSLASH) slashes++;
  if (slashes >= 2) return true;
  return slashes === 1 && end - start > 3 && s.charCodeAt(start + 1) === COLON && s.charCodeAt(start + 2) === BACKSLASH;
}

/**
 * One whitespace token masked part by part: `10.0.0.1:50010` → `<*>:<*>`, `[client` stays,
 * `uid=0` → `uid=<*>`; a path or URL is `<*>` as a whole.
 */
export function maskToken(s: string, start: number, end: number): string {
  // One pass for the cheap answers: a word without a digit, a slash or a dot has no variable in it.
  let slashes = 0;
  let digit = false;
  let dots = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digit = true;
    else if (c === SLASH) slashes++;
    else if (c === DOT) dots = true;
    else if (c === COLON && i + 2 < end && s.charCodeAt(i + 1) === SLASH && s.charCodeAt(i + 2) === SLASH)
      return WILDCARD;
  }
  if (slashes >= 2 || isWindowsPath(s, start, end)) return WILDCARD;
  if (!digit && slashes === 0 && !dots && !hasLongHexRun(s, start, end)) return s.slice(start, end);
  let out = '';
  let partStart = start;
  let masked = false;
  let wildThenDot = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 0;
    if (i < end && !isDelim(c)) continue;
    // A host name (dots and all) is one value: checked once, at its first dot.
    if (c === DOT && (partStart === start || s.charCodeAt(partStart - 1) !== DOT)) {
      let j = i;
      while (j < end && (s.charCodeAt(j) === DOT || !isDelim(s.charCodeAt(j)))) j++;
      if (isHostName(s, partStart, j)) {
        out += WILDCARD;
        masked = true;
        wildThenDot = false;
        if (j < end) out += s[j];
        partStart = j + 1;
        i = j;
        continue;
      }
    }
    if (isVariablePart(s, partStart, i) || isLongHex(s, partStart, i)) {
      // A dotted number (an IP, a float, a version) is one value: <*>.<*>.<*> is <*>.
      if (wildThenDot) out = out.slice(0, -1);
      else out += WILDCARD;
      masked = true;
      wildThenDot = c === DOT;
    } else {
      out += s.slice(partStart, i);
      wildThenDot = false;
    }
    if (i < end) out += s[i];
    partStart = i + 1;
  }
  if (!masked) return s.slice(start, end);
  // Three or more values joined by colons are one (a time 01:02:03, a MAC address); two stay
  // apart (host:port).
  return out.includes(':<*>:') ? out.replace(COLON_RUN, WILDCARD) : out;
}

const COLON_RUN = /<\*>(?::<\*>){2,}/g;

/**
 * Size units that change with the magnitude (`16.0 KB`, later `1.2 MB`): the unit is part of the
 * value. A fixed unit (`52 ms`, `2227 bytes`) is the same word in every message: it stays text.
 */
const UNITS = new Set(['kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'tib']);

/** `KB`, `KB,` or `ms)`: a unit with trailing punctuation; answers the punctuation, or null. */
function unitSuffix(s: string, start: number, end: number): string | null {
  let stop = end;
  while (stop > start && isDelim(s.charCodeAt(stop - 1))) stop--;
  if (stop === start || stop - start > 5) return null;
  return UNITS.has(s.slice(start, stop).toLowerCase()) ? s.slice(stop, end) : null;
}

/**
 * Splits a message on white space into `out` (cleared first), each token masked by shape (see
 * maskToken). A run of whole-token variables becomes one <*> (so lists of any length share a
 * template); `runs`, when given, receives for each token how many it stands for; `values`, each
 * token's original text (a collapsed run: its texts joined by spaces). One pass per character,
 * no regular expressions. Returns the number of tokens.
 */
export function tokenize(s: string, out: string[], values?: string[], runs?: number[]): number {
  out.length = 0;
  if (values) values.length = 0;
  if (runs) runs.length = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let interesting = false;
    // A plain number (digits, dots, a sign): a variable without looking further.
    let number = isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === MINUS;
    let hexRun = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (isSpace(c)) break;
      if (isDigit(c)) interesting = true;
      else {
        if (c === SLASH || c === BACKSLASH || c === DOT) interesting = true;
        if (c !== DOT && c !== MINUS) number = false;
        const l = c | 32;
        hexRun = l >= 97 && l <= 102 ? hexRun + 1 : 0;
        if (hexRun >= 8) interesting = true;
      }
    }
    const last = out.length - 1;
    // A unit after a value belongs to it: `16.0 KB,` is `<*>,`.
    const unit = last >= 0 && out[last] === WILDCARD ? unitSuffix(s, start, i) : null;
    if (unit !== null) {
      if (values) values[last] += ' ' + s.slice(start, i);
      if (unit) {
        out[last] = WILDCARD + unit;
        if (runs) runs[last] = 1;
      }
      continue;
    }
    const token = number && interesting ? WILDCARD : interesting ? maskToken(s, start, i) : s.slice(start, i);
    if (token === WILDCARD && last >= 0 && out[last] === WILDCARD) {
      if (values) values[last] += ' ' + s.slice(start, i);
      if (runs) runs[last]++;
      continue;
    }
    out.push(token);
    values?.push(s.slice(start, i));
    runs?.push(1);
  }
  return out.length;
}

/** A token's parts and the delimiters between them, for comparing and merging templates. */
function parts(token: string): { pieces: string[]; delims: string } {
  const pieces: string[] = [];
  let delims = '';
  let from = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    // The '<' and '>' of a wildcard are not delimiters.
    if (token.startsWith(WILDCARD, i)) {
      i += WILDCARD.length - 1;
      continue;
    }
    if (isDelim(c)) {
      pieces.push(token.slice(from, i));
      delims += token[i];
      from = i + 1;
    }
  }
  pieces.push(token.slice(from));
  return { pieces, delims };
}

/**
 * The template token covering both: the parts they share at the start and at the end kept, the
 * rest one <*> (`user=alice` and `user=bob` → `user=<*>`; `rhost=<*>` and `rhost=host.example`
 * → `rhost=<*>`); tokens with nothing in common → <*>.
 */
export function mergeTokens(a: string, b: string): string {
  if (a === b) return a;
  if (a === WILDCARD || b === WILDCARD) return WILDCARD;
  const pa = parts(a);
  const pb = parts(b);
  const na = pa.pieces.length;
  const nb = pb.pieces.length;
  if (na < 2 || nb < 2) return WILDCARD;
  // Common leading parts (a part and the delimiter after it), then common trailing ones.
  let head = 0;
  while (head < na - 1 && head < nb - 1 && pa.pieces[head] === pb.pieces[head] && pa.delims[head] === pb.delims[head])
    head++;
  let tail = 0;
  while (
    tail < na - 1 - head &&
    tail < nb - 1 - head &&
    pa.pieces[na - 1 - tail] === pb.pieces[nb - 1 - tail] &&
    pa.delims[na - 2 - tail] === pb.delims[nb - 2 - tail]
  )
    tail++;
  if (head === 0 && tail === 0) return WILDCARD;
  let out = '';
  for (let k = 0; k < head; k++) out += pa.pieces[k] + pa.delims[k];
  const middle =
    na === nb && head + tail === na - 1 && pa.pieces[head] === pb.pieces[head] ? pa.pieces[head] : WILDCARD;
  out += middle;
  for (let k = na - tail; k < na; k++) out += pa.delims[k - 1] + pa.pieces[k];
  return out;
}

/** Whether a message token is an instance of a template token (`user=<*>` covers `user=bob`). */
export function covers(template: string, token: string): boolean {
  if (template === token || template === WILDCARD) return true;
  if (!template.includes(WILDCARD)) return false;
  return mergeTokens(template, token) === template;
}
