import { WILDCARD } from './tokenize';

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
 * The token's skeleton (its punctuation) if it is a word: letters (and `-`) and punctuation. An
 * underscore belongs to a word only in upper case: `FAIL_TASK_CLEANUP` is an enum constant, a
 * closed vocabulary by the convention of code; `root_domain` is a name someone gave, like a value.
 */
function wordSkeleton(t: string): string | null {
  if (t.includes(WILDCARD)) return null;
  let skeleton = '';
  let letters = 0;
  let lower = false;
  let underscore = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isLetter(c)) {
      letters++;
      if (c >= 97) lower = true;
    } else if (c === 95) underscore = true;
    else if (c >= 48 && c <= 57) return null;
    else skeleton += t[i];
  }
  return letters >= 2 && !(underscore && lower) ? skeleton : null;
}

/**
 * Positions where the message has a different word than the cluster's constant word there,
 * both words of one punctuation (`failures;` and `failure;`), skipping positions known variable.
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
    const sa = wordSkeleton(a);
    if (sa !== null && sa === wordSkeleton(b)) out.push(i);
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
    for (const w of [template[p], tokens[p]]) if (!seen.includes(w)) seen.push(w);
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
    .map((p) => tokens[Number(p)])
    .join('\u0000');
}

/** A deep copy (families travel in the miner's serializable state). */
export function cloneFamily(f: VariantFamily): VariantFamily {
  const values: Record<number, string[]> = {};
  for (const [p, words] of Object.entries(f.values)) values[Number(p)] = [...words];
  return { id: f.id, members: [...f.members], variable: [...f.variable], values };
}
