import { ChannelType } from '@mozaic/contracts';
import { emailMessage } from './email.message';
import { Renderer } from './message';
import { opsgenieMessage } from './opsgenie.message';
import { pagerDutyMessage } from './pagerduty.message';
import { slackMessage } from './slack.message';
import { teamsMessage } from './teams.message';
import { webhookMessage } from './webhook.message';

/** Each channel type's message. */
export const RENDERERS: Record<ChannelType, Renderer> = {
  slack: slackMessage,
  teams: teamsMessage,
  webhook: webhookMessage,
  email: emailMessage,
  pagerduty: pagerDutyMessage,
  opsgenie: opsgenieMessage,
};
