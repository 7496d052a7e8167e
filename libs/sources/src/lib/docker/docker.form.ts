import { INTERVAL_FIELD, SourceForm } from '../fields';

const PEM = 20_000;

/** A local socket or a TCP endpoint (with TLS client certificates). */
export const DOCKER_FORM: SourceForm = {
  fields: [
    {
      key: 'host',
      label: 'Docker host',
      part: 'credentials',
      kind: 'text',
      required: true,
      pattern: /^(unix:\/\/\/.+|tcp:\/\/[^/\s]+:\d{1,5})$/,
      message: 'host must be unix:///path/to/docker.sock or tcp://host:port',
      placeholder: 'unix:///var/run/docker.sock or tcp://host:2376',
    },
    { key: 'tls_ca', label: 'TLS CA (PEM, tcp only)', part: 'credentials', kind: 'multiline', maxLength: PEM },
    { key: 'tls_cert', label: 'TLS client certificate (PEM)', part: 'credentials', kind: 'multiline', maxLength: PEM },
    { key: 'tls_key', label: 'TLS client key (PEM)', part: 'credentials', kind: 'multiline', maxLength: PEM },
    INTERVAL_FIELD,
  ],
};
