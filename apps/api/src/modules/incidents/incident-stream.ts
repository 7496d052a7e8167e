import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Request, Response } from 'express';
import { In, Repository } from 'typeorm';
import { ProjectsService } from '../projects/projects.service';
import { IncidentSummaryResponse } from './dto/incident.response';
import { IncidentEntity } from './entities/incident.entity';
import { IncidentEvents } from './processing/incident-events';

const HEARTBEAT_MS = 25_000;

/**
 * Server-Sent Events of a project's incidents: each created or changed incident is sent as an
 * `incident` event with its summary. The project is checked before the stream opens (404 for a
 * foreign one); a comment line every 25 s keeps proxies from closing it.
 */
@Injectable()
export class IncidentStream {
  constructor(
    @InjectRepository(IncidentEntity) private readonly incidents: Repository<IncidentEntity>,
    private readonly projects: ProjectsService,
    private readonly events: IncidentEvents,
  ) {}

  async open(userId: string, projectId: string, req: Request, res: Response): Promise<void> {
    await this.projects.findOwned(userId, projectId);
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
    req.on('close', () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
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
