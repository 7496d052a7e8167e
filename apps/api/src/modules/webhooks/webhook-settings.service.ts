import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { CredentialCipher } from '../../common/crypto/credential-cipher.service';
import { ProjectsService } from '../projects/projects.service';
import { AccountConnectionEntity } from '../accounts/entities/account-connection.entity';
import { UpdateWebhookSettingsDto, WebhookSettingsResponse, WebhookTokenResponse } from './dto/webhook-settings.dto';
import { ProjectWebhookEntity } from './entities/project-webhook.entity';
import { sha256Hex } from '../../common/crypto/digest';

export const WEBHOOK_SOURCES = ['sentry', 'cloudwatch', 'alertmanager', 'grafana'] as const;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

/** The secrets a delivery is checked against, decrypted for the request at hand only. */
export interface WebhookSecrets {
  /** The current token, and the previous one during its overlap. */
  tokenHashes: string[];
  sentrySecret: string | null;
  grafanaSecret: string | null;
  snsTopicArns: string[];
}

/** How long decrypted secrets are reused for deliveries; another api replica sees a change after this. */
const SECRETS_TTL_MS = 2_000;

/** A project's webhook token and secrets: generated, rotatable, the token shown once in full. */
@Injectable()
export class WebhookSettingsService {
  /** The hot path's cache: three queries and a decryption per delivery would dominate the intake. */
  private readonly cache = new Map<string, { at: number; value: Promise<WebhookSecrets | null> }>();

  constructor(
    @InjectRepository(ProjectWebhookEntity) private readonly settings: Repository<ProjectWebhookEntity>,
    @InjectRepository(AccountConnectionEntity) private readonly accounts: Repository<AccountConnectionEntity>,
    private readonly projects: ProjectsService,
    private readonly cipher: CredentialCipher,
  ) {}

  async describe(userId: string, projectId: string, baseUrl: string): Promise<WebhookSettingsResponse> {
    await this.projects.findOwned(userId, projectId);
    const row = await this.settings.findOne({ where: { projectId } });
    const url = (source: WebhookSource) => `${baseUrl}/webhooks/${source}/${projectId}`;
    return {
      project_id: projectId,
      urls: {
        sentry: url('sentry'),
        cloudwatch: url('cloudwatch'),
        alertmanager: url('alertmanager'),
        grafana: url('grafana'),
      },
      token_hint: row?.tokenHint ?? null,
      token_created_at: row?.tokenCreatedAt?.toISOString() ?? null,
      sentry_secret_set: Boolean(row?.sentrySecretEncrypted),
      grafana_secret_set: Boolean(row?.grafanaSecretEncrypted),
      sns_topic_arns: row?.snsTopicArns ?? [],
    };
  }

  /**
   * A new token; the old one keeps working for `graceHours` (0: it stops at once), so senders can
   * be moved over without losing a delivery. This answer is the only time the token is shown.
   */
  async rotateToken(userId: string, projectId: string, graceHours = 24): Promise<WebhookTokenResponse> {
    await this.projects.findOwned(userId, projectId);
    const token = `mzk_${randomBytes(32).toString('base64url')}`;
    const now = new Date();
    const previous = await this.settings.findOne({ where: { projectId } });
    const until = previous?.tokenHash && graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000) : null;
    this.cache.delete(projectId);
    await this.settings.upsert(
      {
        projectId,
        tokenHash: sha256Hex(token),
        tokenHint: `••••${token.slice(-4)}`,
        tokenCreatedAt: now,
        previousTokenHash: until ? previous?.tokenHash : null,
        previousTokenExpiresAt: until,
      },
      ['projectId'],
    );
    return {
      token,
      token_hint: `••••${token.slice(-4)}`,
      created_at: now.toISOString(),
      previous_valid_until: until?.toISOString() ?? null,
    };
  }

  async update(
    userId: string,
    projectId: string,
    dto: UpdateWebhookSettingsDto,
    baseUrl: string,
  ): Promise<WebhookSettingsResponse> {
    await this.projects.findOwned(userId, projectId);
    const patch: Partial<ProjectWebhookEntity> = { projectId };
    if (dto.sentry_client_secret !== undefined)
      patch.sentrySecretEncrypted = dto.sentry_client_secret
        ? this.cipher.encrypt({ s: dto.sentry_client_secret })
        : null;
    if (dto.grafana_secret !== undefined)
      patch.grafanaSecretEncrypted = dto.grafana_secret ? this.cipher.encrypt({ s: dto.grafana_secret }) : null;
    if (dto.sns_topic_arns !== undefined) patch.snsTopicArns = [...new Set(dto.sns_topic_arns)];
    await this.settings.upsert(patch, ['projectId']);
    this.cache.delete(projectId);
    return this.describe(userId, projectId, baseUrl);
  }

  /** For the intake: the project's secrets, or null when the project does not exist (cached briefly). */
  secretsFor(projectId: string, fresh = false): Promise<WebhookSecrets | null> {
    const now = Date.now();
    const hit = this.cache.get(projectId);
    if (hit && !fresh && now - hit.at < SECRETS_TTL_MS) return hit.value;
    if (this.cache.size > 10_000) this.cache.clear();
    const value = this.loadSecrets(projectId);
    this.cache.set(projectId, { at: now, value });
    value.catch(() => this.cache.delete(projectId)); // a failed lookup (database away) is not remembered
    return value;
  }

  private async loadSecrets(projectId: string): Promise<WebhookSecrets | null> {
    const rows: Array<{ id: string }> = await this.settings.query('SELECT id FROM projects WHERE id = $1', [projectId]);
    if (rows.length === 0) return null;
    const row = await this.settings.findOne({ where: { projectId } });
    let sentrySecret = row?.sentrySecretEncrypted
      ? this.cipher.decrypt<{ s: string }>(row.sentrySecretEncrypted).s
      : null;
    if (!sentrySecret) {
      // Else the client secret of a connected Sentry account of the project.
      const acct = await this.accounts.findOne({
        where: { projectId, serviceType: 'sentry' },
        order: { createdAt: 'ASC' },
      });
      sentrySecret = acct
        ? (this.cipher.decrypt<{ client_secret?: string }>(acct.credentialsEncrypted).client_secret ?? null)
        : null;
    }
    const overlap = row?.previousTokenHash && row.previousTokenExpiresAt && row.previousTokenExpiresAt > new Date();
    return {
      tokenHashes: [row?.tokenHash ?? null, overlap ? row.previousTokenHash : null].filter((h): h is string => !!h),
      sentrySecret,
      grafanaSecret: row?.grafanaSecretEncrypted
        ? this.cipher.decrypt<{ s: string }>(row.grafanaSecretEncrypted).s
        : null,
      snsTopicArns: row?.snsTopicArns ?? [],
    };
  }
}
