import { Init1795570333641 } from './1795570333641-Init';
import { IncidentTitleSearch1795570400000 } from './1795570400000-IncidentTitleSearch';
import { Correlation1795572077731 } from './1795572077731-Correlation';
import { Ingestion1795572684458 } from './1795572684458-Ingestion';
import { Orchestrator1795581420201 } from './1795581420201-Orchestrator';
import { IngestHotPath1795591200000 } from './1795591200000-IngestHotPath';
import { SecurityLimits1795600000000 } from './1795600000000-SecurityLimits';
import { Corrections1796123985101 } from './1796123985101-Corrections';
import { Heartbeats1796124409802 } from './1796124409802-Heartbeats';
import { TemplateRuns1796125415855 } from './1796125415855-TemplateRuns';
import { TokenOverlap1796127635706 } from './1796127635706-TokenOverlap';
import { Notifications1796133313571 } from './1796133313571-Notifications';
import { Silences1796136276303 } from './1796136276303-Silences';
import { MaintenanceWindows1796137774179 } from './1796137774179-MaintenanceWindows';
import { Inhibition1796137979479 } from './1796137979479-Inhibition';
import { SilenceUntilResolved1796138928827 } from './1796138928827-SilenceUntilResolved';
import { TemplateFamilies1796142531636 } from './1796142531636-TemplateFamilies';

/**
 * Every migration, in order. The api is bundled, so migrations are listed here rather than found
 * by a glob: after `npm run migration:generate -- migrations/<Name>`, add the new class below.
 */
export const MIGRATIONS = [
  Init1795570333641,
  IncidentTitleSearch1795570400000,
  Correlation1795572077731,
  Ingestion1795572684458,
  Orchestrator1795581420201,
  IngestHotPath1795591200000,
  SecurityLimits1795600000000,
  Corrections1796123985101,
  Heartbeats1796124409802,
  TemplateRuns1796125415855,
  TokenOverlap1796127635706,
  /** Notification channels, routes, the outbox (notifications) and its delivery attempts. */
  Notifications1796133313571,
  /** Silences; alerts keep their source labels and the silences holding them; suppressed incidents; the Alertmanager API token. */
  Silences1796136276303,
  /** Maintenance windows: one-off or recurring (RRULE) in a time zone. */
  MaintenanceWindows1796137774179,
  /** Inhibition rules; alerts keep the alerts that inhibit them. */
  Inhibition1796137979479,
  /** A silence may last until an incident resolves. */
  SilenceUntilResolved1796138928827,
  /** Log templates told apart by words: their families, and merged templates kept as aliases. */
  TemplateFamilies1796142531636,
];
