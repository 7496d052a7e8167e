import { INTERVAL_FIELD, SourceForm } from '../fields';

/** An IAM access key and the region (and optionally log groups) to read. */
export const CLOUDWATCH_FORM: SourceForm = {
  fields: [
    {
      key: 'access_key_id',
      label: 'Access key ID',
      part: 'credentials',
      kind: 'text',
      required: true,
      pattern: /^[A-Z0-9]{16,128}$/,
      message: 'access_key_id must be an AWS access key id (A-Z, 0-9)',
    },
    {
      key: 'secret_access_key',
      label: 'Secret access key',
      part: 'credentials',
      kind: 'secret',
      required: true,
      maxLength: 256,
    },
    { key: 'session_token', label: 'Session token (optional)', part: 'credentials', kind: 'secret', maxLength: 4096 },
    {
      key: 'region',
      label: 'Region',
      part: 'config',
      kind: 'text',
      required: true,
      pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
      message: 'region must be an AWS region such as eu-west-1',
      placeholder: 'eu-west-1',
    },
    {
      key: 'endpoint',
      label: 'Endpoint (optional)',
      part: 'config',
      kind: 'text',
      url: true,
      message: 'endpoint must be an http(s) URL',
    },
    { key: 'log_group_names', label: 'Log groups (comma-separated)', part: 'config', kind: 'list', maxItems: 50 },
    {
      key: 'filter_pattern',
      label: 'Log filter pattern',
      part: 'config',
      kind: 'text',
      maxLength: 1024,
      placeholder: 'ERROR',
    },
    INTERVAL_FIELD,
  ],
};
