import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Observable, Subject, filter, map } from 'rxjs';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';

export interface IncidentChange {
  projectId: string;
  incidentIds: string[];
}

const CHANNEL = 'mozaic:incident-changes';

/**
 * Which incidents changed, for live views. Within one process a Subject; with REDIS_URL also Redis
 * pub/sub, so that changes made by a worker process reach the API process holding the stream.
 */
@Injectable()
export class IncidentEvents implements OnModuleDestroy {
  private readonly logger = new Logger(IncidentEvents.name);
  private readonly local = new Subject<IncidentChange>();
  private readonly pub: Redis | null;
  private readonly sub: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redisUrl) {
      this.pub = this.sub = null;
      return;
    }
    const opts = { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false };
    this.pub = new Redis(config.redisUrl, opts);
    this.sub = new Redis(config.redisUrl, { ...opts, enableOfflineQueue: true });
    for (const c of [this.pub, this.sub]) c.on('error', () => undefined); // reconnects by itself
    void this.sub.subscribe(CHANNEL).catch(() => undefined);
    this.sub.on('message', (_channel: string, raw: string) => {
      try {
        this.local.next(JSON.parse(raw) as IncidentChange);
      } catch {
        this.logger.warn('ignored a malformed incident change message');
      }
    });
  }

  publish(projectId: string, incidentIds: string[]): void {
    if (incidentIds.length === 0) return;
    const change = { projectId, incidentIds };
    if (this.pub?.status === 'ready') {
      this.pub.publish(CHANNEL, JSON.stringify(change)).catch(() => this.local.next(change));
    } else {
      this.local.next(change);
    }
  }

  changes(projectId: string): Observable<string[]> {
    return this.local.pipe(
      filter((c) => c.projectId === projectId),
      map((c) => c.incidentIds),
    );
  }

  onModuleDestroy(): void {
    this.pub?.disconnect();
    this.sub?.disconnect();
    this.local.complete();
  }
}
