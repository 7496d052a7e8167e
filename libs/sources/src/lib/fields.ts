/** How a field is entered and what its value is: text of one line, a secret, text of many lines, a list of texts, a whole number. */
export type FieldKind = 'text' | 'secret' | 'multiline' | 'list' | 'integer';

/** One setting of a source account: what the API checks and what the portal's form shows, in one place. */
export interface SourceField {
  key: string;
  label: string;
  /** Where it travels in a request: the encrypted credentials or the plain config. */
  part: 'credentials' | 'config';
  kind: FieldKind;
  required?: boolean;
  /** A text (or each item of a list) must match it… */
  pattern?: RegExp;
  /** …and this says what it must be (`region must be an AWS region such as eu-west-1`). */
  message?: string;
  /** An http(s) URL. */
  url?: boolean;
  maxLength?: number;
  maxItems?: number;
  min?: number;
  max?: number;
  placeholder?: string;
  hint?: string;
  /** Problems beyond the shape (a kubeconfig's refused fields). */
  check?: (value: string) => string[];
}

export interface SourceForm {
  fields: SourceField[];
  /** One of these groups of keys must be given in full (a kubeconfig, or a server and a token). */
  oneOf?: { part: SourceField['part']; groups: string[][]; message: string };
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** The collection interval every pull source has. */
export const INTERVAL_FIELD: SourceField = {
  key: 'interval_seconds',
  label: 'Collect every (seconds)',
  part: 'config',
  kind: 'integer',
  min: 10,
  max: 86_400,
  hint: 'Default 60, at least 10.',
};

function textProblem(f: SourceField, v: string, name: string): string | null {
  if (f.maxLength !== undefined && v.length > f.maxLength) return `${name} must be at most ${f.maxLength} characters`;
  if (f.url && !HTTP_URL.test(v)) return f.message ?? `${name} must be an http(s) URL`;
  if (f.pattern && !f.pattern.test(v)) return f.message ?? `${name} is not valid`;
  return null;
}

/** What is wrong with a field's value as the API receives it (null: nothing). `name` is how messages call it. */
export function valueProblem(f: SourceField, value: unknown, name = f.key): string | null {
  switch (f.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${name} must be a whole number`;
      if ((f.min !== undefined && value < f.min) || (f.max !== undefined && value > f.max))
        return `${name} must be from ${f.min ?? '-∞'} to ${f.max ?? '∞'}`;
      return null;
    case 'list': {
      if (!Array.isArray(value)) return `${name} must be a list of texts`;
      if (f.maxItems !== undefined && value.length > f.maxItems) return `${name} takes at most ${f.maxItems} items`;
      for (const item of value) {
        if (typeof item !== 'string' || item.trim() === '') return `${name} must hold non-empty texts`;
        const p = textProblem(f, item, name);
        if (p) return p;
      }
      return null;
    }
    default:
      if (typeof value !== 'string') return `${name} must be a string`;
      if (value.trim() === '') return `${name} must not be empty`;
      return textProblem(f, value, name) ?? f.check?.(value).join('; ') ?? null;
  }
}

/**
 * Every problem of one part (credentials or config) of an account request, each naming its field
 * (`config.region must be …`); unknown fields are refused.
 */
export function partProblems(form: SourceForm, part: SourceField['part'], value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${part} must be an object`];
  const given = value as Record<string, unknown>;
  const fields = form.fields.filter((f) => f.part === part);
  const out: string[] = [];
  for (const key of Object.keys(given))
    if (!fields.some((f) => f.key === key)) out.push(`${part}.${key}: unknown field`);
  const oneOf = form.oneOf?.part === part ? form.oneOf : undefined;
  // With alternatives, only the group the caller chose is required (and checked).
  const chosen = oneOf?.groups.find((g) => g.some((k) => given[k] !== undefined));
  if (oneOf && !chosen) out.push(`${part}: ${oneOf.message}`);
  for (const f of fields) {
    const v = given[f.key];
    const inGroup = oneOf?.groups.some((g) => g.includes(f.key));
    const required = f.required || (inGroup && chosen?.includes(f.key));
    if (v === undefined) {
      if (required) out.push(`${part}.${f.key} is required${f.message ? ` (${f.message})` : ''}`);
      continue;
    }
    if (inGroup && chosen && !chosen.includes(f.key)) continue;
    const p = valueProblem(f, v, `${part}.${f.key}`);
    // A field's own message names it (`region must be …`): the API's answer names its path too.
    if (p) out.push(p.startsWith(f.key) ? `${part}.${p}` : p);
  }
  return out;
}

/** The first problem of a field as typed in a form (null: none), in the API's words. */
export function fieldProblem(f: SourceField, raw: string): string | null {
  const v = raw.trim();
  if (!v) return f.required ? `${f.label} is required.` : null;
  return valueProblem(f, formValue(f, v), f.label);
}

/** A form's text as the value the API takes: lists split at commas, numbers parsed. */
export function formValue(f: SourceField, raw: string): unknown {
  if (f.kind === 'list')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (f.kind === 'integer') return Number(raw);
  return raw;
}

/** The request parts from a form's values: empty fields left out. */
export function formRequest(
  form: SourceForm,
  values: Record<string, string>,
): { credentials: Record<string, unknown>; config: Record<string, unknown> } {
  const credentials: Record<string, unknown> = {};
  const config: Record<string, unknown> = {};
  for (const f of form.fields) {
    const raw = (values[f.key] ?? '').trim();
    if (!raw) continue;
    (f.part === 'credentials' ? credentials : config)[f.key] = formValue(f, raw);
  }
  return { credentials, config };
}
