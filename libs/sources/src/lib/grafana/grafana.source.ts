import { mapAlertmanager } from '../alertmanager/alertmanager.mapper';
import { SourceDefinition } from '../source-definition';
import { GRAFANA_FORM } from './grafana.form';

/** Grafana alerting: its webhook contact point (Alertmanager's alerts array) and its alert rules, pulled. */
export const GRAFANA: SourceDefinition = {
  type: 'grafana',
  label: 'Grafana',
  webhook: { map: (projectId, body) => ({ signals: mapAlertmanager(projectId, body, 'grafana') }) },
  pull: GRAFANA_FORM,
};
