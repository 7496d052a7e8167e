import { INTERVAL_FIELD, SourceForm } from '../fields';
import { kubeconfigProblems } from './kubeconfig-rules';

const PEM = 20_000;

/** A bearer token with the API server's URL, or a kubeconfig with inline credentials. */
export const KUBERNETES_FORM: SourceForm = {
  fields: [
    {
      key: 'server',
      label: 'API server URL',
      part: 'credentials',
      kind: 'text',
      url: true,
      message: 'server must be an http(s) URL',
      placeholder: 'https://k8s.example.com:6443',
      hint: 'With a bearer token; or leave empty and paste a kubeconfig.',
    },
    { key: 'token', label: 'Bearer token', part: 'credentials', kind: 'secret', maxLength: 10_000 },
    { key: 'ca_cert', label: 'CA certificate (PEM)', part: 'credentials', kind: 'multiline', maxLength: PEM },
    {
      key: 'kubeconfig',
      label: 'Kubeconfig (instead of server and token)',
      part: 'credentials',
      kind: 'multiline',
      maxLength: 100_000,
      check: kubeconfigProblems,
    },
    {
      key: 'namespaces',
      label: 'Namespaces (comma-separated, empty: all)',
      part: 'config',
      kind: 'list',
      maxItems: 200,
      pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      message: 'namespaces must be Kubernetes namespace names',
    },
    { key: 'context', label: 'Kubeconfig context', part: 'config', kind: 'text', maxLength: 253 },
    INTERVAL_FIELD,
  ],
  oneOf: {
    part: 'credentials',
    groups: [['kubeconfig'], ['server', 'token']],
    message: 'give a kubeconfig, or server and token',
  },
};
