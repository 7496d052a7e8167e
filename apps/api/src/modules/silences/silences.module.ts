import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { ProjectsModule } from '../projects/projects.module';
import { ProjectWebhookEntity } from '../webhooks/entities/project-webhook.entity';
import { AlertmanagerAlerts } from './alertmanager/alertmanager-alerts.service';
import { AlertmanagerApiController } from './alertmanager/alertmanager-api.controller';
import { AlertmanagerTokenGuard } from './alertmanager/alertmanager-token.guard';
import { AlertmanagerTokens } from './alertmanager/alertmanager-tokens.service';
import { SilenceEntity } from './entities/silence.entity';
import { InhibitionRuleEntity } from './entities/inhibition-rule.entity';
import { SilenceBookModule } from './matching/silence-book.module';
import { InhibitionRulesController } from './inhibition/inhibition-rules.controller';
import { InhibitionRulesService } from './inhibition/inhibition-rules.service';
import { MaintenanceWindowEntity } from './entities/maintenance-window.entity';
import { MaintenanceWindowsController } from './maintenance/maintenance-windows.controller';
import { MaintenanceWindowsService } from './maintenance/maintenance-windows.service';
import { SilenceEffects } from './silence-effects.service';
import { SilenceScheduler } from './silence.scheduler';
import { SilenceStore } from './silence-store.service';
import { SilencesController } from './silences.controller';
import { SilencesService } from './silences.service';

/**
 * Noise control: silences through MOZAIC's API and Alertmanager's API v2 (amtool, Prometheus,
 * Grafana), applied to alerts as they arrive (SilenceBook, in the correlation transaction) and when
 * a silence changes or time passes its start or end (SilenceEffects, SilenceScheduler).
 */
@Module({})
export class SilencesModule {
  /** `webhooks`: the app's WebhooksModule (the same dynamic module, so one instance of its intake). */
  static forRoot(config: AppConfig, webhooks: DynamicModule): DynamicModule {
    return {
      module: SilencesModule,
      imports: [
        TypeOrmModule.forFeature([SilenceEntity, ProjectWebhookEntity, MaintenanceWindowEntity, InhibitionRuleEntity]),
        ProjectsModule,
        AuthModule,
        IncidentsModule,
        SilenceBookModule,
        webhooks,
      ],
      controllers: [
        SilencesController,
        AlertmanagerApiController,
        MaintenanceWindowsController,
        InhibitionRulesController,
      ],
      providers: [
        SilenceStore,
        SilencesService,
        MaintenanceWindowsService,
        InhibitionRulesService,
        SilenceEffects,
        AlertmanagerTokens,
        AlertmanagerTokenGuard,
        AlertmanagerAlerts,
        ...(config.runWorkers || !config.redisUrl ? [SilenceScheduler] : []),
      ],
    };
  }
}
