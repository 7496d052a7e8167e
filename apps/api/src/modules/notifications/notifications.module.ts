import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { declareQueue } from '../../queue/declare-queue';
import { AuthModule } from '../auth/auth.module';
import { ProjectsModule } from '../projects/projects.module';
import { ChannelsController } from './channels/channels.controller';
import { ChannelsService } from './channels/channels.service';
import { BullNotifyQueue } from './delivery/bull-notify.queue';
import { InProcessNotifyQueue } from './delivery/in-process-notify.queue';
import { NotificationSender } from './delivery/notification-sender.service';
import { NotifyConsumer } from './delivery/notify.processor';
import { NOTIFY_QUEUE, NotifyQueue } from './delivery/notify-queue';
import { NotifySweeper } from './delivery/notify-sweeper.scheduler';
import { SmtpMailer } from './delivery/transports/smtp-mailer.service';
import { NotificationAttemptEntity } from './entities/notification-attempt.entity';
import { NotificationChannelEntity } from './entities/notification-channel.entity';
import { NotificationRouteEntity } from './entities/notification-route.entity';
import { NotificationEntity } from './entities/notification.entity';
import { NotificationLogController } from './log/notification-log.controller';
import { NotificationLog } from './log/notification-log.service';
import { AfterCommitSubscriber } from './outbox/after-commit.subscriber';
import { RoutesController } from './routing/routes.controller';
import { RoutesService } from './routing/routes.service';

/**
 * Notifications out: channels, routing rules, the delivery log, and delivery of the outbox (written
 * by incident changes through OutboxModule) over the notify queue — BullMQ with REDIS_URL, else in
 * this process — with the sweeper as the safety net.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const queue = declareQueue(config, {
      name: NOTIFY_QUEUE,
      token: NotifyQueue,
      bull: BullNotifyQueue,
      inProcess: InProcessNotifyQueue,
      processor: NotifyConsumer,
    });
    return {
      module: NotificationsModule,
      imports: [
        TypeOrmModule.forFeature([
          NotificationChannelEntity,
          NotificationRouteEntity,
          NotificationEntity,
          NotificationAttemptEntity,
        ]),
        ProjectsModule,
        AuthModule,
        ...queue.imports,
      ],
      controllers: [ChannelsController, RoutesController, NotificationLogController],
      providers: [
        ChannelsService,
        RoutesService,
        NotificationLog,
        NotificationSender,
        SmtpMailer,
        AfterCommitSubscriber,
        ...queue.providers,
        ...(config.runWorkers || !config.redisUrl ? [NotifySweeper] : []),
      ],
    };
  }
}
