import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { matchesDigest, sha256Hex } from '../../../common/crypto/digest';
import { isUuid } from '../../../common/ids/uuid';
import { ProjectsService } from '../../projects/projects.service';
import { ProjectWebhookEntity } from '../../webhooks/entities/project-webhook.entity';

/** A project's Alertmanager API token: made and shown once, kept only as a SHA-256 hash. */
@Injectable()
export class AlertmanagerTokens {
  constructor(
    @InjectRepository(ProjectWebhookEntity) private readonly settings: Repository<ProjectWebhookEntity>,
    private readonly projects: ProjectsService,
  ) {}

  async rotate(userId: string, projectId: string): Promise<string> {
    await this.projects.findOwned(userId, projectId);
    const token = `mza_${randomBytes(32).toString('base64url')}`;
    await this.settings.upsert({ projectId, amTokenHash: sha256Hex(token), amTokenHint: `••••${token.slice(-4)}` }, [
      'projectId',
    ]);
    return token;
  }

  /** Whether `presented` is this project's token (constant-time on the hashes). */
  async valid(projectId: string, presented: string | undefined): Promise<boolean> {
    if (!presented || !isUuid(projectId)) return false;
    const row = await this.settings.findOne({ where: { projectId }, select: { projectId: true, amTokenHash: true } });
    return matchesDigest(presented, row?.amTokenHash ?? null);
  }
}
