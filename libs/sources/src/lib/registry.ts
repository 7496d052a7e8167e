import { ServiceType, SignalSource } from '@mozaic/contracts';
import { ALERTMANAGER } from './alertmanager/alertmanager.source';
import { CLOUDWATCH } from './cloudwatch/cloudwatch.source';
import { DOCKER } from './docker/docker.source';
import { SourceForm } from './fields';
import { GRAFANA } from './grafana/grafana.source';
import { KUBERNETES } from './kubernetes/kubernetes.source';
import { SENTRY } from './sentry/sentry.source';
import { SourceDefinition, WebhookMapping } from './source-definition';

/** Every source MOZAIC knows, by name: one line per source. */
export const SOURCES: Record<SignalSource, SourceDefinition> = {
  alertmanager: ALERTMANAGER,
  cloudwatch: CLOUDWATCH,
  docker: DOCKER,
  grafana: GRAFANA,
  kubernetes: KUBERNETES,
  sentry: SENTRY,
};

const isSource = (name: string): name is SignalSource => Object.prototype.hasOwnProperty.call(SOURCES, name);

/** The webhook mapping of a source by its name, if it takes webhooks. */
export function webhookOf(name: string): WebhookMapping | undefined {
  return isSource(name) ? SOURCES[name].webhook : undefined;
}

/** The account form of a pulled source. */
export function pullFormOf(type: ServiceType): SourceForm {
  const form = SOURCES[type].pull;
  if (!form) throw new Error(`${type} is not pulled`);
  return form;
}
