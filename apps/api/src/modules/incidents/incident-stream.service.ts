import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Request, Response } from 'express';
import { In, Repository } from 'typeorm';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { RateLimitedError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SessionRevocations } from '../auth/session-revocations.service';
import { ProjectsService } from '../projects/projects.service';
import { IncidentSummaryResponse } from './dto/incident.response';
import { IncidentEntity } from './entities/incident.entity';
import { IncidentEvents } from './processing/incident-events.service';

const HEARTBEAT_MS = 25_000;
/** How often an open stream re-checks that its session was not revoked. */
const SESSION_CHECK_MS = 5_000;

/**
 * Server-Sent Events of a project's incidents: each created or changed incident is sent as an
 * `incident` event with its summary. The project is checked before the stream opens (404 for a
 * foreign one); a comment line every 25 s keeps proxies from closing it. A stream ends when its
 * access token expires or its session is revoked (the client reconnects with a fresh token), and a
 * user has at most SSE_MAX_STREAMS_PER_USER streams open in one process.
 */
@Injectable()
export class IncidentStream {
  constructor(
    @InjectRepository(IncidentEntity) private readonly incidents: Repository<IncidentEntity>,
    private readonly projects: ProjectsService,
    private readonly events: IncidentEvents,
    private readonly revocations: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private readonly openByUser = new Map<string, number>();

  async open(user: AuthUser, projectId: string, req: Request, res: Response): Promise<void> {
    const userId = user.id;
    await this.projects.findOwned(userId, projectId);
    const open = this.openByUser.get(userId) ?? 0;
    if (open >= this.config.sseMaxStreamsPerUser) throw new RateLimitedError(30);
    this.openByUser.set(userId, open + 1);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n: connected\n\n');

    const subscription = this.events.changes(projectId).subscribe((ids) => {
      void this.send(userId, projectId, ids, res);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const end = () => res.end();
    const expiry = setTimeout(end, Math.max(0, user.expiresAt - Date.now()));
    const sessionCheck = setInterval(() => {
      if (user.sessionId)
        void this.revocations
          .isRevoked(user.sessionId)
          .then((revoked) => revoked && end())
          .catch(() => undefined);
    }, SESSION_CHECK_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      clearInterval(sessionCheck);
      clearTimeout(expiry);
      subscription.unsubscribe();
      const left = (this.openByUser.get(userId) ?? 1) - 1;
      if (left > 0) this.openByUser.set(userId, left);
      else this.openByUser.delete(userId);
    });
  }

  private async send(userId: string, projectId: string, ids: string[], res: Response): Promise<void> {
    const rows = await this.incidents
      .createQueryBuilder('i')
      .innerJoin('i.project', 'p', 'p.user_id = :userId', { userId })
      .where('i.project_id = :projectId', { projectId })
      .andWhere({ id: In(ids) })
      .getMany()
      .catch(() => []);
    for (const r of rows) {
      if (res.writableEnded) return;
      res.write(
        `event: incident\nid: ${r.id}:${r.updatedAt.getTime()}\ndata: ${JSON.stringify(IncidentSummaryResponse.from(r))}\n\n`,
      );
    }
  }
}
