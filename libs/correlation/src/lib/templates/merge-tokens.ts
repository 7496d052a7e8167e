import { isDelim, WILDCARD } from './tokenize';

const HYPHEN = 45;
const UNDERSCORE = 95;

/**
 * A token's parts and the delimiters between them, for comparing and merging templates. Here `-`
 * and `_` separate parts too (masking keeps `web-7f8c9d2b1a-k3x9q` whole): two names that share a
 * prefix keep it (`node-96`, `node-160` → `node-<*>`).
 */
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
    if (isDelim(c) || c === HYPHEN || c === UNDERSCORE) {
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
