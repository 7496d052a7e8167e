import { AuthModule } from '../auth/auth.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../notifications/outbox/outbox.module';
import { SilenceBookModule } from '../silences/matching/silence-book.module';
import { ProjectsModule } from '../projects/projects.module';
import { AlertEntity } from './entities/alert.entity';
import { IncidentAlertEntity } from './entities/incident-alert.entity';
import { IncidentEntity } from './entities/incident.entity';
import { SignalEntity } from './entities/signal.entity';
import { IncidentsController } from './incidents.controller';
import { IncidentCorrectionsController } from './corrections/incident-corrections.controller';
import { IncidentCorrections } from './corrections/incident-corrections.service';
import { StatedRules } from './corrections/stated-rules.service';
import { CorrelationRuleEntity } from './entities/correlation-rule.entity';
import { IncidentCorrectionEntity } from './entities/incident-correction.entity';
import { IncidentsService } from './incidents.service';
import { IncidentTemplates } from './incident-templates.service';
import { IncidentStream } from './incident-stream.service';
import { LogTemplateEntity } from './entities/log-template.entity';
import { LogTemplateFamilyEntity } from './entities/log-template-family.entity';
import { CorrelationRepository } from './processing/correlation.repository';
import { IncidentEvents } from './processing/incident-events.service';
import { IncidentLifecycle } from './processing/incident-lifecycle.service';
import { IncidentSweeper } from './processing/incident-sweeper.scheduler';
import { SignalProcessor } from './processing/signal-processor.service';
import { TemplateStore } from './processing/template-store.service';
import { Holds } from './processing/holds.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      IncidentEntity,
      AlertEntity,
      IncidentAlertEntity,
      SignalEntity,
      LogTemplateEntity,
      LogTemplateFamilyEntity,
      IncidentCorrectionEntity,
      CorrelationRuleEntity,
    ]),
    ProjectsModule,
    AuthModule,
    OutboxModule,
    SilenceBookModule,
  ],
  controllers: [IncidentsController, IncidentCorrectionsController],
  providers: [
    IncidentsService,
    IncidentTemplates,
    CorrelationRepository,
    TemplateStore,
    SignalProcessor,
    IncidentLifecycle,
    IncidentSweeper,
    IncidentEvents,
    IncidentStream,
    IncidentCorrections,
    StatedRules,
    Holds,
  ],
  exports: [IncidentsService, SignalProcessor, IncidentEvents, StatedRules, CorrelationRepository],
})
export class IncidentsModule {}
