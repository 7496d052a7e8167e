import { INTERVAL_FIELD, SourceForm } from '../fields';

/** Grafana's URL and a service-account token that may read alert rules. */
export const GRAFANA_FORM: SourceForm = {
  fields: [
    {
      key: 'base_url',
      label: 'Grafana URL',
      part: 'config',
      kind: 'text',
      required: true,
      url: true,
      message: 'base_url must be the http(s) URL of Grafana',
      placeholder: 'https://grafana.example.com',
    },
    {
      key: 'token',
      label: 'Service-account token',
      part: 'credentials',
      kind: 'secret',
      required: true,
      maxLength: 1024,
    },
    INTERVAL_FIELD,
  ],
};
