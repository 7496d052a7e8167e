import { INTERVAL_FIELD, SourceForm } from '../fields';

/** An organisation (and optionally some of its projects) read with an auth token. */
export const SENTRY_FORM: SourceForm = {
  fields: [
    {
      key: 'base_url',
      label: 'Sentry URL (default https://sentry.io)',
      part: 'config',
      kind: 'text',
      url: true,
      message: 'base_url must be an http(s) URL (default https://sentry.io)',
    },
    {
      key: 'organization',
      label: 'Organisation slug',
      part: 'config',
      kind: 'text',
      required: true,
      pattern: /^[a-z0-9][a-z0-9_-]*$/i,
      message: 'organization must be a slug',
    },
    {
      key: 'projects',
      label: 'Project slugs (comma-separated, empty: all)',
      part: 'config',
      kind: 'list',
      maxItems: 100,
    },
    { key: 'auth_token', label: 'Auth token', part: 'credentials', kind: 'secret', required: true, maxLength: 1024 },
    {
      key: 'client_secret',
      label: 'Client secret (verifies webhooks)',
      part: 'credentials',
      kind: 'secret',
      maxLength: 1024,
    },
    INTERVAL_FIELD,
  ],
};
