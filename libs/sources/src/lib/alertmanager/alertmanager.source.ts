import { SourceDefinition } from '../source-definition';
import { mapAlertmanager } from './alertmanager.mapper';

/** Prometheus Alertmanager: webhook receivers (version 4 payloads). */
export const ALERTMANAGER: SourceDefinition = {
  type: 'alertmanager',
  label: 'Alertmanager',
  webhook: { map: (projectId, body) => ({ signals: mapAlertmanager(projectId, body, 'alertmanager') }) },
};
