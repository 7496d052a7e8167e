import { covers } from './merge-tokens';
import { isDelim, WILDCARD } from './tokenize';

/**
 * A family of clusters that are one message shape told apart by words: `Failed password for …`
 * and `Failed none for …`, `state LOOKING` and `state LEADING`. A word that differs where a cluster
 * holds another word is a constant that names a different event until the position proves to be
 * a variable — more distinct words than a closed vocabulary holds (user and host names keep
 * coming; states, methods and outcomes do not). Then the family's clusters that differ only there
 * are merged.
 */
export interface VariantFamily {
  id: number;
  /** Cluster ids. */
  members: number[];
  /** Positions that proved to be variables. */
  variable: number[];
  /** Per position that told members apart: the words seen there. */
  values: Record<number, string[]>;
}

const isLetter = (c: number) => ((c | 32) >= 97 && (c | 32) <= 122) || c === 45; // A-Z, a-z, -

/**
 * A part of a token that is a word: two letters or more, with `-` and digits (`read-only`, `eth0`;
 * what masking left unmasked). An underscore belongs to a word only in upper case:
 * `FAIL_TASK_CLEANUP` is an enum constant, a closed vocabulary by the convention of code;
 * `root_domain` is a name someone gave, like a value.
 */
function isWordPiece(t: string, start: number, end: number): boolean {
  let letters = 0;
  let lower = false;
  let underscore = false;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    if (isLetter(c)) {
      letters++;
      if (c >= 97) lower = true;
    } else if (c === 95) underscore = true;
    else if (c < 48 || c > 57) return false;
  }
  return letters >= 2 && !(underscore && lower);
}

/** Stands for a word in a token's frame. */
const WORD = '\u0001';

/**
 * A token split at its delimiters into its words and the frame around them: `dcbf.........0` is
 * the word `dcbf` in the frame `\u0001.........0`; `failures;` is `failures` in `\u0001;`.
 */
function framed(t: string): { frame: string; words: string } {
  let frame = '';
  let words = '';
  let from = 0;
  const piece = (end: number) => {
    if (isWordPiece(t, from, end)) {
      frame += WORD;
      words += (words ? ' ' : '') + t.slice(from, end);
    } else frame += t.slice(from, end);
  };
  for (let i = 0; i < t.length; i++) {
    if (t.startsWith(WILDCARD, i)) {
      i += WILDCARD.length - 1;
      continue;
    }
    if (isDelim(t.charCodeAt(i))) {
      piece(i);
      frame += t[i];
      from = i + 1;
    }
  }
  piece(t.length);
  return { frame, words };
}

/**
 * One word in a token: several (`java.vendor=Oracle`, `org.apache.hadoop.Job`) make a dotted name
 * or a setting, which names a thing rather than what happened.
 */
const isOneWord = (words: string) => words !== '' && !words.includes(' ');

/**
 * A word's letters: words that differ only in their digits (`bglio91`, `bglio716`; `node-7`,
 * `node-12`) are one name numbered; only other letters (`ee0`, `alt0`) tell events apart.
 */
const letters = (word: string) => word.replace(/[0-9]/g, '');

/** The words of a token (its parts of letters, `-`, `_` and digits), '' if it has none. */
const wordsOf = (t: string) => framed(t).words;

/**
 * Positions where the message has other words than the cluster's constant words there, in a
 * frame the cluster's covers (`failures;` and `failure;`, `dcbf.........<*>` and `icbi.........0`),
 * skipping positions known variable.
 */
export function wordConflicts(
  template: readonly string[],
  tokens: readonly string[],
  variable: readonly number[],
): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = template[i];
    const b = tokens[i];
    if (a === b || variable.includes(i)) continue;
    const fa = framed(a);
    if (!isOneWord(fa.words)) continue;
    const fb = framed(b);
    if (isOneWord(fb.words) && letters(fb.words) !== letters(fa.words) && covers(fa.frame, fb.frame)) out.push(i);
  }
  return out;
}

/** Records the two words seen at each conflicting position; answers the positions now proved variable. */
export function noteConflicts(
  family: VariantFamily,
  conflicts: readonly number[],
  template: readonly string[],
  tokens: readonly string[],
  maxWords: number,
): number[] {
  const proved: number[] = [];
  for (const p of conflicts) {
    const seen = (family.values[p] ??= []);
    for (const w of [wordsOf(template[p]), wordsOf(tokens[p])]) if (!seen.includes(w)) seen.push(w);
    if (seen.length > maxWords) {
      proved.push(p);
      family.variable.push(p);
      delete family.values[p];
    }
  }
  return proved;
}

/** The words at the positions that still tell the family's members apart: members of one key merge. */
export function variantKey(family: VariantFamily, tokens: readonly string[]): string {
  return Object.keys(family.values)
    .map((p) => wordsOf(tokens[Number(p)]))
    .join('\u0000');
}

/** A deep copy (families travel in the miner's serializable state). */
export function cloneFamily(f: VariantFamily): VariantFamily {
  const values: Record<number, string[]> = {};
  for (const [p, words] of Object.entries(f.values)) values[Number(p)] = [...words];
  return { id: f.id, members: [...f.members], variable: [...f.variable], values };
}
