import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectsModule } from '../projects/projects.module';
import { AlertEntity } from './entities/alert.entity';
import { IncidentAlertEntity } from './entities/incident-alert.entity';
import { IncidentEntity } from './entities/incident.entity';
import { SignalEntity } from './entities/signal.entity';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({
  imports: [TypeOrmModule.forFeature([IncidentEntity, AlertEntity, IncidentAlertEntity, SignalEntity]), ProjectsModule],
  controllers: [IncidentsController],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class IncidentsModule {}
