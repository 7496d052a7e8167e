import { SourceDefinition } from '../source-definition';
import { SENTRY_FORM } from './sentry.form';
import { mapSentry } from './sentry-webhook.mapper';

/** Sentry: integration webhooks (signed) or the legacy plugin, and unresolved issues, pulled. */
export const SENTRY: SourceDefinition = {
  type: 'sentry',
  label: 'Sentry',
  webhook: {
    map: (projectId, body, kind) => ({
      signals: mapSentry(projectId, kind === 'legacy' ? undefined : (kind ?? undefined), body),
    }),
  },
  pull: SENTRY_FORM,
};
