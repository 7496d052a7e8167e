import { RefreshTokenEntity } from '../modules/auth/entities/refresh-token.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';
import { AccountConnectionEntity } from '../modules/accounts/entities/account-connection.entity';
import { AlertEntity } from '../modules/incidents/entities/alert.entity';
import { IncidentAlertEntity } from '../modules/incidents/entities/incident-alert.entity';
import { IncidentEntity } from '../modules/incidents/entities/incident.entity';
import { SignalEntity } from '../modules/incidents/entities/signal.entity';
import { LogTemplateEntity } from '../modules/incidents/entities/log-template.entity';
import { LogTemplateFamilyEntity } from '../modules/incidents/entities/log-template-family.entity';
import { IncidentCorrectionEntity } from '../modules/incidents/entities/incident-correction.entity';
import { CorrelationRuleEntity } from '../modules/incidents/entities/correlation-rule.entity';
import { HeartbeatEntity } from '../modules/webhooks/entities/heartbeat.entity';
import { InboundEventEntity } from '../modules/webhooks/entities/inbound-event.entity';
import { ProjectWebhookEntity } from '../modules/webhooks/entities/project-webhook.entity';
import { NotificationAttemptEntity } from '../modules/notifications/entities/notification-attempt.entity';
import { NotificationChannelEntity } from '../modules/notifications/entities/notification-channel.entity';
import { NotificationRouteEntity } from '../modules/notifications/entities/notification-route.entity';
import { NotificationEntity } from '../modules/notifications/entities/notification.entity';
import { SilenceEntity } from '../modules/silences/entities/silence.entity';
import { MaintenanceWindowEntity } from '../modules/silences/entities/maintenance-window.entity';
import { InhibitionRuleEntity } from '../modules/silences/entities/inhibition-rule.entity';
import { ProjectEntity } from '../modules/projects/entities/project.entity';
import { FetchRunEntity } from '../modules/orchestrator/runs/entities/fetch-run.entity';
import { FetchRunItemEntity } from '../modules/orchestrator/runs/entities/fetch-run-item.entity';

/** Every entity, listed explicitly: the api is bundled, so globs cannot find them. */
export const ENTITIES = [
  UserEntity,
  RefreshTokenEntity,
  ProjectEntity,
  AccountConnectionEntity,
  IncidentEntity,
  AlertEntity,
  IncidentAlertEntity,
  SignalEntity,
  LogTemplateEntity,
  LogTemplateFamilyEntity,
  IncidentCorrectionEntity,
  CorrelationRuleEntity,
  HeartbeatEntity,
  InboundEventEntity,
  ProjectWebhookEntity,
  FetchRunEntity,
  FetchRunItemEntity,
  NotificationChannelEntity,
  NotificationRouteEntity,
  NotificationEntity,
  NotificationAttemptEntity,
  SilenceEntity,
  MaintenanceWindowEntity,
  InhibitionRuleEntity,
];
