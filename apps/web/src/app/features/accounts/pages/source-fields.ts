import { ServiceType } from '@mozaic/contracts';

/** One input of a connect form. */
export interface SourceField {
  key: string;
  label: string;
  /** Where it goes in the request. */
  part: 'credentials' | 'config';
  kind: 'text' | 'password' | 'textarea' | 'list' | 'number';
  required?: boolean;
  pattern?: RegExp;
  hint?: string;
  placeholder?: string;
}

const interval: SourceField = {
  key: 'interval_seconds',
  label: 'Collect every (seconds)',
  part: 'config',
  kind: 'number',
  hint: 'Default 60, at least 10.',
};

/** The fields each source needs, with the same rules the API checks. */
export const SOURCE_FIELDS: Record<ServiceType, SourceField[]> = {
  kubernetes: [
    {
      key: 'server',
      label: 'API server URL',
      part: 'credentials',
      kind: 'text',
      pattern: /^https?:\/\/\S+$/,
      placeholder: 'https://k8s.example.com:6443',
      hint: 'With a bearer token; or leave empty and paste a kubeconfig.',
    },
    { key: 'token', label: 'Bearer token', part: 'credentials', kind: 'password' },
    { key: 'ca_cert', label: 'CA certificate (PEM)', part: 'credentials', kind: 'textarea' },
    { key: 'kubeconfig', label: 'Kubeconfig (instead of server and token)', part: 'credentials', kind: 'textarea' },
    {
      key: 'namespaces',
      label: 'Namespaces (comma-separated, empty: all)',
      part: 'config',
      kind: 'list',
      pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    },
    interval,
  ],
  docker: [
    {
      key: 'host',
      label: 'Docker host',
      part: 'credentials',
      kind: 'text',
      required: true,
      pattern: /^(unix:\/\/\/.+|tcp:\/\/[^/\s]+:\d{1,5})$/,
      placeholder: 'unix:///var/run/docker.sock or tcp://host:2376',
    },
    { key: 'tls_ca', label: 'TLS CA (PEM, tcp only)', part: 'credentials', kind: 'textarea' },
    { key: 'tls_cert', label: 'TLS client certificate (PEM)', part: 'credentials', kind: 'textarea' },
    { key: 'tls_key', label: 'TLS client key (PEM)', part: 'credentials', kind: 'textarea' },
    interval,
  ],
  cloudwatch: [
    {
      key: 'access_key_id',
      label: 'Access key ID',
      part: 'credentials',
      kind: 'text',
      required: true,
      pattern: /^[A-Z0-9]{16,128}$/,
    },
    { key: 'secret_access_key', label: 'Secret access key', part: 'credentials', kind: 'password', required: true },
    { key: 'session_token', label: 'Session token (optional)', part: 'credentials', kind: 'password' },
    {
      key: 'region',
      label: 'Region',
      part: 'config',
      kind: 'text',
      required: true,
      pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
      placeholder: 'eu-west-1',
    },
    { key: 'endpoint', label: 'Endpoint (optional)', part: 'config', kind: 'text', pattern: /^https?:\/\/\S+$/ },
    { key: 'log_group_names', label: 'Log groups (comma-separated)', part: 'config', kind: 'list' },
    { key: 'filter_pattern', label: 'Log filter pattern', part: 'config', kind: 'text', placeholder: 'ERROR' },
    interval,
  ],
  grafana: [
    {
      key: 'base_url',
      label: 'Grafana URL',
      part: 'config',
      kind: 'text',
      required: true,
      pattern: /^https?:\/\/\S+$/,
      placeholder: 'https://grafana.example.com',
    },
    { key: 'token', label: 'Service-account token', part: 'credentials', kind: 'password', required: true },
    interval,
  ],
  sentry: [
    {
      key: 'base_url',
      label: 'Sentry URL (default https://sentry.io)',
      part: 'config',
      kind: 'text',
      pattern: /^https?:\/\/\S+$/,
    },
    {
      key: 'organization',
      label: 'Organisation slug',
      part: 'config',
      kind: 'text',
      required: true,
      pattern: /^[a-z0-9][a-z0-9_-]*$/i,
    },
    { key: 'projects', label: 'Project slugs (comma-separated, empty: all)', part: 'config', kind: 'list' },
    { key: 'auth_token', label: 'Auth token', part: 'credentials', kind: 'password', required: true },
    { key: 'client_secret', label: 'Client secret (verifies webhooks)', part: 'credentials', kind: 'password' },
    interval,
  ],
};

/** The request parts from the form's values: empty fields left out, lists split, numbers parsed. */
export function toRequest(type: ServiceType, values: Record<string, string>) {
  const credentials: Record<string, string> = {};
  const config: Record<string, unknown> = {};
  for (const f of SOURCE_FIELDS[type]) {
    const raw = (values[f.key] ?? '').trim();
    if (!raw) continue;
    const value =
      f.kind === 'list'
        ? raw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : f.kind === 'number'
          ? Number(raw)
          : raw;
    if (f.part === 'credentials') credentials[f.key] = value as string;
    else config[f.key] = value;
  }
  return { credentials, config };
}

/** The first problem of a field's value, or null. */
export function fieldProblem(f: SourceField, raw: string): string | null {
  const v = raw.trim();
  if (!v) return f.required ? `${f.label} is required.` : null;
  if (f.kind === 'number') {
    const n = Number(v);
    return Number.isInteger(n) && n >= 10 && n <= 86_400 ? null : 'A whole number from 10 to 86400.';
  }
  if (!f.pattern) return null;
  const parts =
    f.kind === 'list'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [v];
  return parts.every((p) => f.pattern?.test(p)) ? null : `${f.label}: not a valid value.`;
}
