/*
 * Turns a message into masked tokens. Everything that reads characters lives in this one module
 * on purpose: constants and helpers imported from another module are read through that module's
 * object on every character (CommonJS, and webpack without module concatenation), which cost a
 * sixth of the miner's throughput when they were split out.
 */
export { covers, mergeTokens } from './merge-tokens';

/** The token that stands for a variable part of a message. */
const WILDCARD = '<*>';

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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Punctuation that separates the parts of one whitespace token — `[client`, `1.2.3.4]`,
 * `uid=0`, `10.0.0.1:50010:Got`, `(18.4`, `core.2275` — kept as they are, so a template keeps its
 * brackets, colons, dots and `key=` while the value between them is masked. `-` and `_` are not
 * among them: they hold identifiers and host names together.
 */
const DELIMS = new Uint8Array(128);
for (const ch of ':=,;()[]{}"\'|<>@#!?*.') DELIMS[ch.charCodeAt(0)] = 1;
const isDelim = (c: number) => c < 128 && DELIMS[c] === 1;

// Exported by name, not as `export const`: CommonJS output would read `exports.x` at every use here.
export { isDelim, WILDCARD };

/** Character classes for the one pass over a token (scanToken). */
const C_SPACE = 1;
const C_DIGIT = 2;
const C_DOT = 4;
const C_MINUS = 8;
const C_SLASH = 16;
const C_BACKSLASH = 32;
/** a–f, A–F (digits count as hex too). */
const C_HEX = 64;
const C_COLON = 128;
/** One of DELIMS. */
const C_DELIM = 256;
const CHAR_CLASS = new Uint16Array(128);
for (const c of [SPACE, TAB, 10, 13]) CHAR_CLASS[c] = C_SPACE;
for (let c = ZERO; c <= NINE; c++) CHAR_CLASS[c] = C_DIGIT;
for (const ch of 'abcdefABCDEF') CHAR_CLASS[ch.charCodeAt(0)] = C_HEX;
CHAR_CLASS[DOT] = C_DOT;
CHAR_CLASS[MINUS] = C_MINUS;
CHAR_CLASS[SLASH] = C_SLASH;
CHAR_CLASS[BACKSLASH] = C_BACKSLASH;
CHAR_CLASS[COLON] = C_COLON;
for (let c = 0; c < 128; c++) if (DELIMS[c] === 1) CHAR_CLASS[c] |= C_DELIM;

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

const isHexDigit = (c: number) => (c >= ZERO && c <= NINE) || ((c | 32) >= 97 && (c | 32) <= 102);

/** Eight hex digits or more, letters only included (a mask ffffffff, a hash): a value. */
function isLongHex(s: string, start: number, end: number): boolean {
  if (end - start < 8) return false;
  for (let i = start; i < end; i++) if (!isHexDigit(s.charCodeAt(i))) return false;
  return true;
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

/** Whether some dotted run in the token ends in a top-level domain (else it holds no host name). */
function endsInTld(s: string, start: number, end: number): boolean {
  for (let dot = s.indexOf('.', start); dot >= 0 && dot < end - 1; dot = s.indexOf('.', dot + 1)) {
    let e = dot + 1;
    while (e < end && isLetterCode(s.charCodeAt(e))) e++;
    if (e > dot + 1 && (e === end || s.charCodeAt(e) !== DOT) && TLDS.has(s.slice(dot + 1, e).toLowerCase()))
      return true;
  }
  return false;
}

/** A host name: labels joined by dots, the last a top-level domain (gw.example.com, n1.corp.local). */
function isHostName(s: string, start: number, end: number): boolean {
  const dot = s.lastIndexOf('.', end - 1);
  if (dot <= start || dot >= end - 1 || end - dot > 12) return false;
  // An address or a version ends in a digit: no lookup.
  const c = s.charCodeAt(dot + 1) | 32;
  if (c < 97 || c > 122) return false;
  return TLDS.has(s.slice(dot + 1, end).toLowerCase());
}

/** What the one pass over a token found: enough to answer most tokens without a second look. */
interface TokenShape {
  digit: boolean;
  slashes: number;
  backslashes: number;
  dots: boolean;
  /** Eight hex digits or more in a row. */
  hexRun: boolean;
  /** `scheme://` */
  url: boolean;
  /** A delimiter (DELIMS) somewhere: the token has parts. */
  delim: boolean;
  colons: number;
  /** Digits, dots and signs only, beginning with a digit or a sign. */
  number: boolean;
  /** 32-bit FNV-1a of the token's text (tokenHash). */
  hash: number;
}

const shape: TokenShape = {
  digit: false,
  slashes: 0,
  backslashes: 0,
  dots: false,
  hexRun: false,
  url: false,
  delim: false,
  colons: 0,
  number: false,
  hash: 0,
};

/**
 * Reads one whitespace token from `start` into `shape` (reused: no allocation per token) and
 * answers where it ends. Every character is read once, here, for every question asked of it.
 */
function scanToken(s: string, start: number): number {
  const n = s.length;
  let digit = false;
  let slashes = 0;
  let backslashes = 0;
  let dots = false;
  let url = false;
  let delim = false;
  let colons = 0;
  let hex = 0;
  let hexRun = false;
  let other = false;
  let h = FNV_OFFSET;
  let i = start;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    const cls = c < 128 ? CHAR_CLASS[c] : 0;
    if (cls & C_SPACE) break;
    h = Math.imul(h ^ c, FNV_PRIME);
    if (cls & (C_DIGIT | C_HEX)) {
      if (++hex >= 8) hexRun = true;
      if (cls & C_DIGIT) digit = true;
      else other = true;
      continue;
    }
    hex = 0;
    if (cls & C_DOT) dots = true;
    else if (cls & C_MINUS) continue;
    else {
      other = true;
      if (cls & C_DELIM) delim = true;
      if (cls & C_SLASH) slashes++;
      else if (cls & C_BACKSLASH) backslashes++;
      else if (cls & C_COLON) {
        colons++;
        if (i + 2 < n && s.charCodeAt(i + 1) === SLASH && s.charCodeAt(i + 2) === SLASH) url = true;
      }
    }
  }
  const c0 = s.charCodeAt(start);
  shape.digit = digit;
  shape.slashes = slashes;
  shape.backslashes = backslashes;
  shape.dots = dots;
  shape.hexRun = hexRun;
  shape.url = url;
  shape.delim = delim || dots;
  shape.colons = colons;
  shape.number = !other && (digit || dots) && (isDigit(c0) || c0 === MINUS);
  shape.hash = h;
  return i;
}

/**
 * Groups of up to four hex digits joined by colons (`FF:F2:9F:16:E2:23`, `fe80::1ff:fe23:4567`): a
 * MAC or IPv6 address, a key fingerprint, a hex dump — one value, however many groups.
 */
function isHexGroups(s: string, start: number, end: number): boolean {
  let group = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === COLON) group = 0;
    else if (isHexDigit(c)) {
      if (++group > 4) return false;
    } else return false;
  }
  return true;
}

/**
 * Where a host name ends in an address written after it — `name/1.2.3.4[:port]` (Java's
 * InetSocketAddress) or `name:port` with a name that has a digit or a hyphen (`db1:5432`, not
 * `retries:3`) — or -1. The name: a letter, then letters, digits, `-` and `.`.
 */
function hostOfAddress(s: string, start: number, end: number, t: TokenShape): number {
  if (t.slashes > 1 || t.backslashes > 0) return -1;
  const c0 = s.charCodeAt(start) | 32;
  if (c0 < 97 || c0 > 122) return -1;
  let numbered = false;
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === SLASH) return isDigit(s.charCodeAt(i + 1)) && s.indexOf('.', i) > 0 ? i : -1;
    if (c === COLON) {
      if (!numbered || t.slashes > 0 || i + 1 >= end || end - i - 1 > 5) return -1;
      for (let j = i + 1; j < end; j++) if (!isDigit(s.charCodeAt(j))) return -1;
      return i;
    }
    if (isDigit(c) || c === MINUS) numbered = true;
    else if (c !== DOT && ((c | 32) < 97 || (c | 32) > 122)) return -1;
  }
  return -1;
}

/** Punctuation that closes a bracket or a clause after a path: not part of it (a dot may be: `/a/..`). */
const AFTER_PATH = new Set([...')]}>,;:"\''].map((c) => c.charCodeAt(0)));

/**
 * A path or URL is one value, the punctuation around it kept: `chdir(/home/u)` → `chdir(<*>)`,
 * `/usr/lib/app.so:` → `<*>:`, `file=/etc/x` → `file=<*>`, `jar:file:/x.jar` → `jar:file:<*>`;
 * a URL keeps its scheme (`hdfs://nn:8020/user` → `hdfs://<*>`). A relative path (`conf/zoo.cfg`)
 * is a value from its first character.
 */
function maskPath(s: string, start: number, end: number): string {
  let stop = end;
  while (stop > start + 1 && AFTER_PATH.has(s.charCodeAt(stop - 1))) stop--;
  const scheme = s.indexOf('://', start);
  let from: number;
  if (scheme > start && scheme < stop) from = scheme + 3;
  else {
    from = start;
    while (from < stop && s.charCodeAt(from) !== SLASH && s.charCodeAt(from) !== BACKSLASH) from++;
    // A drive letter belongs to its path: C:\x.
    if (
      from >= start + 2 &&
      s.charCodeAt(from - 1) === COLON &&
      from - 2 >= start &&
      isLetterCode(s.charCodeAt(from - 2))
    )
      if (from - 2 === start || isDelim(s.charCodeAt(from - 3))) from -= 2;
    // What comes before is kept only up to a delimiter (`chdir(`, `file=`); else the path starts there.
    if (from > start && !isDelim(s.charCodeAt(from - 1))) from = start;
  }
  return s.slice(start, from) + WILDCARD + s.slice(stop, end);
}

const isLetterCode = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

/** A Windows path: C:\\x, or two backslashes or more. */
function isWindowsPath(s: string, start: number, end: number, backslashes: number): boolean {
  if (backslashes >= 2) return true;
  return (
    backslashes === 1 && end - start > 3 && s.charCodeAt(start + 1) === COLON && s.charCodeAt(start + 2) === BACKSLASH
  );
}

/** A word: no digit, dot, slash, backslash or hex run. It is its own text. */
const isWord = (t: TokenShape) => !t.digit && !t.dots && t.slashes === 0 && t.backslashes === 0 && !t.hexRun;

/**
 * One whitespace token masked part by part: `10.0.0.1:50010` → `<*>:<*>`, `[client` stays,
 * `uid=0` → `uid=<*>`; a path or URL is `<*>` as a whole; a plain number is `<*>`.
 */
function maskToken(s: string, start: number, end: number, t: TokenShape): string {
  if (t.number) return WILDCARD;
  if (t.url || t.slashes >= 2 || isWindowsPath(s, start, end, t.backslashes)) return maskPath(s, start, end);
  // A word without a digit, a slash, a dot or a hex run has no variable in it.
  if (!t.digit && t.slashes === 0 && !t.dots && !t.hexRun) return s.slice(start, end);
  // Dotted words without a digit (`org.apache.spark.SparkContext:`) hold a value only as a host name.
  if (!t.digit && t.slashes === 0 && !t.hexRun && !endsInTld(s, start, end)) return s.slice(start, end);
  if (t.colons >= 2 && t.digit && isHexGroups(s, start, end)) return WILDCARD;
  const host = t.colons > 0 || t.slashes === 1 ? hostOfAddress(s, start, end, t) : -1;
  if (host > start) {
    // `msra-sa-41/10.190.173.170:8030` (a name resolved to its address), `db-7:5432`: the name is a value.
    const sep = s[host];
    return sep === '/'
      ? WILDCARD + '/' + maskToken(s, host + 1, end, (scanToken(s, host + 1), shape))
      : WILDCARD + ':' + WILDCARD;
  }
  // One part (`blk_-1608999687919862906`, `35ms`): the whole token is a value or a word.
  if (!t.delim) return isVariablePart(s, start, end) || isLongHex(s, start, end) ? WILDCARD : s.slice(start, end);
  let out = '';
  // The delimiter after the last part, written with the next one (so `<*>.` + `<*>` can become `<*>`).
  let pending = '';
  let partStart = start;
  let masked = false;
  let wildThenDot = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 0;
    if (i < end && !isDelim(c)) continue;
    // A host name (dots and all) is one value: checked once, at its first dot.
    // (A dotted number — digits on both sides of the dot — is no host name: no scan.)
    if (
      c === DOT &&
      (partStart === start || s.charCodeAt(partStart - 1) !== DOT) &&
      !(isDigit(s.charCodeAt(partStart)) && isDigit(s.charCodeAt(i + 1)))
    ) {
      let j = i;
      for (; j < end; j++) {
        const cj = s.charCodeAt(j);
        if (cj !== DOT && cj < 128 && CHAR_CLASS[cj] & C_DELIM) break;
      }
      if (isHostName(s, partStart, j)) {
        out += pending + WILDCARD;
        pending = j < end ? s[j] : '';
        masked = true;
        wildThenDot = false;
        partStart = j + 1;
        i = j;
        continue;
      }
    }
    if (isVariablePart(s, partStart, i) || isLongHex(s, partStart, i)) {
      // A dotted number (an IP, a float, a version) is one value: <*>.<*>.<*> is <*>.
      if (!wildThenDot) out += pending + WILDCARD;
      masked = true;
      wildThenDot = c === DOT;
    } else {
      out += pending + s.slice(partStart, i);
      wildThenDot = false;
    }
    pending = i < end ? s[i] : '';
    partStart = i + 1;
  }
  if (!masked) return s.slice(start, end);
  // Three or more values joined by colons are one (a time 01:02:03, a MAC address); two stay
  // apart (host:port).
  return t.colons >= 2 && out.includes(':<*>:') ? out.replace(COLON_RUN, WILDCARD) : out;
}

const COLON_RUN = /<\*>(?::<\*>){2,}/g;

/** Month and weekday names, abbreviated or not (English: what log timestamps are written in). */
const DATE_WORDS = new Set(
  (
    'jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august ' +
    'september october november december mon tue wed thu fri sat sun monday tuesday wednesday thursday ' +
    'friday saturday sunday'
  ).split(' '),
);

/** Their hashes (tokenHash) as written in dates — `Jul`, `JUL`, `July` — to the names. */
const DATE_HASHES = new Map<number, string>();
for (const w of DATE_WORDS)
  for (const form of [w[0].toUpperCase() + w.slice(1), w.toUpperCase()]) DATE_HASHES.set(tokenHash(form), form);

/** A month or weekday name as written in dates (`Jul`, `FRI`, `December`; `may` is a word). */
function isDateWord(s: string, start: number, end: number, hash: number): boolean {
  // Capitalised, three to nine letters: most words are answered without a lookup.
  const c0 = s.charCodeAt(start);
  if (c0 < 65 || c0 > 90 || end - start < 3 || end - start > 9) return false;
  const form = DATE_HASHES.get(hash);
  return form !== undefined && form.length === end - start && s.startsWith(form, start);
}

/** The start of the next token after `i`, past white space. */
function nextToken(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether a date word at its token's end `i` is part of a date: a number follows (`Jul 01`,
 * `Dec 2005`), or another date word and then a number (`Fri Jul 01`). A month or day named
 * elsewhere (`Backup scheduled for Sunday`) stays a word.
 */
function beforeDateNumber(s: string, i: number): boolean {
  const j = nextToken(s, i);
  if (isDigit(s.charCodeAt(j))) return true;
  let e = j;
  while (e < s.length && !isSpace(s.charCodeAt(e))) e++;
  return e > j && isDateWord(s, j, e, textHash(s, j, e)) && isDigit(s.charCodeAt(nextToken(s, e)));
}

/**
 * Size units that change with the magnitude (`93.0 B`, `16.0 KB`, later `1.2 MB`): the unit is part
 * of the value. A fixed unit (`52 ms`, `2227 bytes`) is the same word in every message: it stays text.
 */
const UNITS = new Set(['b', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'tib']);

/** `KB`, `KB,` or `ms)`: a unit with trailing punctuation; answers the punctuation, or null. */
function unitSuffix(s: string, start: number, end: number): string | null {
  // Every unit begins with b, k, m, g or t.
  const c0 = s.charCodeAt(start) | 32;
  if (c0 !== 98 && c0 !== 107 && c0 !== 109 && c0 !== 103 && c0 !== 116) return null;
  let stop = end;
  while (stop > start && isDelim(s.charCodeAt(stop - 1))) stop--;
  if (stop === start || stop - start > 5) return null;
  return UNITS.has(s.slice(start, stop).toLowerCase()) ? s.slice(stop, end) : null;
}

/**
 * Splits a message on white space into `out` (cleared first), each token masked by shape (see
 * maskToken). A run of whole-token variables becomes one <*> (so lists of any length share a
 * template); `runs`, when given, receives for each token how many it stands for; `values`, each
 * token's original text (a collapsed run: its texts joined by spaces); `hashes`, each token's
 * FNV-1a hash (see tokenHash; a word's taken in the same pass that reads it), for the miner's
 * cache. One pass per character, no regular expressions. Returns the number of tokens.
 */
export function tokenize(s: string, out: string[], values?: string[], runs?: number[], hashes?: number[]): number {
  let k = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    i = scanToken(s, start);
    const last = k - 1;
    // A unit after a value belongs to it: `16.0 KB,` is `<*>,`.
    const unit = last >= 0 && out[last] === WILDCARD ? unitSuffix(s, start, i) : null;
    if (unit !== null) {
      if (values) values[last] += ' ' + s.slice(start, i);
      if (unit) {
        out[last] = WILDCARD + unit;
        if (runs) runs[last] = 1;
        if (hashes) hashes[last] = tokenHash(out[last]) & SMI_BITS;
      }
      continue;
    }
    const word = isWord(shape);
    const date = word && isDateWord(s, start, i, shape.hash) && beforeDateNumber(s, i);
    const token = date ? WILDCARD : word ? s.slice(start, i) : maskToken(s, start, i, shape);
    if (token === WILDCARD && last >= 0 && out[last] === WILDCARD) {
      if (values) values[last] += ' ' + s.slice(start, i);
      if (runs) runs[last]++;
      continue;
    }
    if (hashes) hashes[k] = (word && !date ? shape.hash : token === WILDCARD ? 1 : tokenHash(token)) & SMI_BITS;
    out[k] = token;
    if (values) values[k] = s.slice(start, i);
    if (runs) runs[k] = 1;
    k++;
  }
  if (out.length !== k) out.length = k;
  if (values && values.length !== k) values.length = k;
  if (runs && runs.length !== k) runs.length = k;
  return k;
}

/** Hashes are cut to 30 bits so that arrays of them stay arrays of small integers (no boxing). */
const SMI_BITS = 0x3fffffff;

/** tokenHash of s[start, end). */
function textHash(s: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let j = start; j < end; j++) h = Math.imul(h ^ s.charCodeAt(j), FNV_PRIME);
  return h;
}

/** 32-bit FNV-1a over a token's characters (tokenize's `hashes` keep 30 bits of it). */
export function tokenHash(t: string): number {
  return textHash(t, 0, t.length);
}
