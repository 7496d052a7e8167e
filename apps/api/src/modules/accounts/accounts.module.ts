import { AccountGate } from './account-gate.service';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectsModule } from '../projects/projects.module';
import { AccountsController } from './accounts.controller';
import { SourcesModule } from '../orchestrator/sources.module';
import { AccountsService } from './accounts.service';
import { AccountConnectionEntity } from './entities/account-connection.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AccountConnectionEntity]), ProjectsModule, SourcesModule],
  controllers: [AccountsController],
  providers: [AccountsService, AccountGate],
  exports: [AccountsService],
})
export class AccountsModule {}
