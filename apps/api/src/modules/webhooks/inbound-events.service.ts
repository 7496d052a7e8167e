import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors';
import { ProjectsService } from '../projects/projects.service';
import { InboundEventResponse, ListInboundEventsQuery } from './dto/inbound-event.dto';
import { InboundEventEntity } from './entities/inbound-event.entity';
import { IngestQueue } from './ingest/ingest-queue';

/** Stored deliveries for operators: list them (failed ones with their error) and replay. */
@Injectable()
export class InboundEventsService {
  constructor(
    @InjectRepository(InboundEventEntity) private readonly events: Repository<InboundEventEntity>,
    private readonly projects: ProjectsService,
    private readonly queue: IngestQueue,
  ) {}

  async list(userId: string, projectId: string, q: ListInboundEventsQuery): Promise<InboundEventResponse[]> {
    await this.projects.findOwned(userId, projectId);
    const rows = await this.events.find({
      where: { projectId, ...(q.status ? { status: q.status } : {}) },
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: q.limit,
      select: [
        'id',
        'projectId',
        'source',
        'kind',
        'status',
        'receivedAt',
        'processedAt',
        'attempts',
        'lastError',
        'signalCount',
      ],
    });
    return rows.map(InboundEventResponse.from);
  }

  /** A failed (or stuck) delivery goes back to pending and into the queue (503 while the queue is away). */
  async replay(userId: string, projectId: string, eventId: string): Promise<InboundEventResponse> {
    await this.projects.findOwned(userId, projectId);
    const row = await this.events.findOne({ where: { id: eventId, projectId } });
    if (!row) throw new NotFoundError('Event');
    if (row.status !== 'processed') {
      await this.queue.forget(eventId);
      await this.events.update({ id: eventId }, { status: 'pending', lastError: null });
      this.queue.enqueue(eventId);
    }
    return InboundEventResponse.from({
      ...row,
      status: row.status === 'processed' ? 'processed' : 'pending',
      lastError: row.status === 'processed' ? row.lastError : null,
    });
  }
}
