import { SourceDefinition } from '../source-definition';
import { KUBERNETES_FORM } from './kubernetes.form';

/** Kubernetes: warning events, failing pods and their logs, and the topology, pulled from the API server. */
export const KUBERNETES: SourceDefinition = { type: 'kubernetes', label: 'Kubernetes', pull: KUBERNETES_FORM };
