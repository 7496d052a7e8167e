import { SourceDefinition } from '../source-definition';
import { CLOUDWATCH_FORM } from './cloudwatch.form';
import { cloudwatchWebhook } from './cloudwatch-webhook';

/** AWS CloudWatch: alarms through SNS or EventBridge, and alarms and log events, pulled. */
export const CLOUDWATCH: SourceDefinition = {
  type: 'cloudwatch',
  label: 'AWS CloudWatch',
  webhook: { map: (projectId, body) => cloudwatchWebhook(projectId, body) },
  pull: CLOUDWATCH_FORM,
};
