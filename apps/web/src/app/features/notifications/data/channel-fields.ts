import { ChannelType } from '@mozaic/contracts';

/** One field of the add-channel form. */
export interface ChannelField {
  name: string;
  label: string;
  placeholder: string;
  secret: boolean;
  optional?: boolean;
}

/** What each channel type asks for (the API validates the same names: see channel-settings.ts). */
export const CHANNEL_FIELDS: Record<ChannelType, { label: string; fields: ChannelField[] }> = {
  slack: {
    label: 'Slack (incoming webhook)',
    fields: [{ name: 'url', label: 'Webhook URL', placeholder: 'https://hooks.slack.com/services/…', secret: true }],
  },
  teams: {
    label: 'Microsoft Teams (workflow webhook)',
    fields: [{ name: 'url', label: 'Workflow URL', placeholder: 'https://…logic.azure.com/workflows/…', secret: true }],
  },
  webhook: {
    label: 'Generic webhook (signed JSON)',
    fields: [{ name: 'url', label: 'URL', placeholder: 'https://example.com/mozaic-hook', secret: true }],
  },
  email: {
    label: 'Email',
    fields: [{ name: 'to', label: 'Recipients (comma-separated)', placeholder: 'oncall@example.com', secret: false }],
  },
  pagerduty: {
    label: 'PagerDuty (Events API v2)',
    fields: [
      { name: 'routing_key', label: 'Integration (routing) key', placeholder: '32 characters', secret: true },
      {
        name: 'url',
        label: 'Events URL',
        placeholder: 'https://events.pagerduty.com/v2/enqueue',
        secret: false,
        optional: true,
      },
    ],
  },
  opsgenie: {
    label: 'Opsgenie (Alert API)',
    fields: [
      { name: 'api_key', label: 'API key', placeholder: 'an API integration key', secret: true },
      {
        name: 'url',
        label: 'API URL',
        placeholder: 'https://api.opsgenie.com (EU: https://api.eu.opsgenie.com)',
        secret: false,
        optional: true,
      },
    ],
  },
};
