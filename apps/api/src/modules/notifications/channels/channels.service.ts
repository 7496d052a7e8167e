import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ChannelTestResult } from '@mozaic/contracts';
import { Repository } from 'typeorm';
import { CredentialCipher } from '../../../common/crypto/credential-cipher.service';
import { InvalidInputError, NotFoundError } from '../../../common/errors';
import { RateLimiter } from '../../../common/rate-limit/rate-limiter.service';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { ProjectsService } from '../../projects/projects.service';
import { NotificationSender } from '../delivery/notification-sender.service';
import { SmtpMailer } from '../delivery/transports/smtp-mailer.service';
import { ChannelResponse, CreateChannelDto, CreatedChannelResponse, UpdateChannelDto } from '../dto/channel.dto';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';
import { ChannelSecrets, parseSettings } from './channel-settings';
import { followUp, testBody } from './test-message';

/** Who asks, as the test limits count them. */
export interface Caller {
  userId: string;
  ip: string;
}

/** A project's notification channels: secrets encrypted at rest and only ever shown masked. */
@Injectable()
export class ChannelsService {
  constructor(
    @InjectRepository(NotificationChannelEntity) private readonly channels: Repository<NotificationChannelEntity>,
    private readonly projects: ProjectsService,
    private readonly cipher: CredentialCipher,
    private readonly sender: NotificationSender,
    private readonly mailer: SmtpMailer,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(userId: string, projectId: string): Promise<ChannelResponse[]> {
    await this.projects.findOwned(userId, projectId);
    const rows = await this.channels.find({ where: { projectId }, order: { createdAt: 'ASC' } });
    return rows.map(ChannelResponse.from);
  }

  async create(userId: string, projectId: string, dto: CreateChannelDto): Promise<CreatedChannelResponse> {
    await this.projects.findOwned(userId, projectId);
    if (dto.type === 'email' && !this.mailer.configured)
      throw new InvalidInputError('type: email needs a mail server on this server (the operator sets SMTP_URL)');
    const parsed = parseSettings(dto.type, dto.settings);
    const row = await this.channels.save(
      this.channels.create({
        projectId,
        name: dto.name,
        type: dto.type,
        enabled: dto.enabled ?? true,
        settings: parsed.settings,
        secretsEncrypted: this.cipher.encrypt(parsed.secrets),
        secretHints: parsed.hints,
        lastResult: null,
      }),
    );
    const out: CreatedChannelResponse = ChannelResponse.from(row);
    if (dto.type === 'webhook') out.signing_secret = parsed.secrets['signing_secret'];
    return out;
  }

  async get(userId: string, id: string): Promise<ChannelResponse> {
    return ChannelResponse.from(await this.findOwned(userId, id));
  }

  async update(userId: string, id: string, dto: UpdateChannelDto): Promise<ChannelResponse> {
    const row = await this.findOwned(userId, id);
    if (dto.name !== undefined) row.name = dto.name;
    if (dto.enabled !== undefined) row.enabled = dto.enabled;
    if (dto.settings !== undefined) {
      const parsed = parseSettings(row.type, dto.settings, this.cipher.decrypt<ChannelSecrets>(row.secretsEncrypted));
      row.settings = parsed.settings;
      row.secretsEncrypted = this.cipher.encrypt(parsed.secrets);
      row.secretHints = parsed.hints;
    }
    return ChannelResponse.from(await this.channels.save(row));
  }

  /** Deletes the channel; its notifications and their log go with it. */
  async remove(userId: string, id: string): Promise<void> {
    const row = await this.findOwned(userId, id);
    await this.channels.delete({ id: row.id });
  }

  /** Sends a test message now (not through the outbox) and reports the receiver's answer. */
  async test(caller: Caller, id: string): Promise<ChannelTestResult> {
    const row = await this.findOwned(caller.userId, id);
    const { perUser, perIp, windowSeconds } = this.config.connectionTestRateLimit;
    await this.limiter.consume(`channel-test:user:${caller.userId}`, perUser, windowSeconds);
    await this.limiter.consume(`channel-test:ip:${caller.ip}`, perIp, windowSeconds);
    const body = testBody(row, this.config.publicUrl ?? `http://localhost:${this.config.port}`);
    const r = await this.sender.deliver({ ...row, enabled: true }, body);
    const after = followUp(row.type, body);
    if (r.outcome === 'sent' && after) await this.sender.deliver({ ...row, enabled: true }, after);
    row.lastResult = { at: new Date().toISOString(), ok: r.outcome === 'sent', status: r.status, answer: r.answer };
    await this.channels.update({ id: row.id }, { lastResult: row.lastResult });
    return { ok: r.outcome === 'sent', status: r.status, answer: r.answer, duration_ms: r.durationMs };
  }

  private async findOwned(userId: string, id: string): Promise<NotificationChannelEntity> {
    const row = await this.channels
      .createQueryBuilder('c')
      .innerJoin('projects', 'p', 'p.id = c.project_id')
      .where('c.id = :id AND p.user_id = :userId', { id, userId })
      .getOne();
    if (!row) throw new NotFoundError('Channel');
    return row;
  }
}
