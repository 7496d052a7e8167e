import { randomUUID } from 'node:crypto';
import { ChannelType, NotificationBody } from '@mozaic/contracts';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';

/** A test notification: an incident that does not exist, saying so in its title. */
export function testBody(channel: NotificationChannelEntity, portalUrl: string): NotificationBody {
  const now = new Date().toISOString();
  const id = randomUUID();
  return {
    id: randomUUID(),
    type: 'incident.opened',
    change: null,
    previous_severity: null,
    occurred_at: now,
    incident: {
      id,
      project_id: channel.projectId,
      url: `${portalUrl}/project/${channel.projectId}`,
      title: `MOZAIC test notification for "${channel.name}"`,
      severity: 'low',
      status: 'open',
      sources: [],
      services: [],
      namespaces: [],
      hosts: [],
      alert_count: 0,
      signal_count: 0,
      started_at: now,
      last_seen: now,
      acknowledged_at: null,
      resolved_at: null,
      why: ['This is a test sent from the Notifications page; nothing is wrong.'],
    },
  };
}

/** Receivers that open something (PagerDuty, Opsgenie) get it closed again right after the test. */
export function followUp(type: ChannelType, test: NotificationBody): NotificationBody | null {
  if (type !== 'pagerduty' && type !== 'opsgenie') return null;
  return {
    ...test,
    type: 'incident.resolved',
    incident: { ...test.incident, status: 'resolved', resolved_at: test.occurred_at },
  };
}
