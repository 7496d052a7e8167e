import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CollectJobData, Signal } from '@mozaic/contracts';
import { Repository } from 'typeorm';
import { CredentialCipher } from '../../../common/crypto/credential-cipher.service';
import { AccountConnectionEntity } from '../../accounts/entities/account-connection.entity';
import { IncidentEvents } from '../../incidents/processing/incident-events.service';
import { StatedRules } from '../../incidents/corrections/stated-rules.service';
import { SignalProcessor } from '../../incidents/processing/signal-processor.service';
import { FetchRunItemEntity } from '../runs/entities/fetch-run-item.entity';
import { describeSourceError, SourceError } from '../source-error';
import { SourceRunner } from '../source-runner.service';
import { MetricsRegistry } from '../../../metrics/metrics-registry.service';

/** Failures in a row after which a transiently failing account shows `error`. */
const ERROR_AFTER = 3;
const BACKOFF_BASE_S = 15;
const BACKOFF_MAX_S = 3_600;
const CHUNK = 500;

/**
 * One collection of one account: the provider's signals since the cursor go through the same
 * processing as webhooks, then the cursor moves on. A failure backs the account off (longer each
 * time) and is recorded without secrets; it never touches other accounts.
 */
@Injectable()
export class AccountCollector {
  private readonly logger = new Logger(AccountCollector.name);

  constructor(
    @InjectRepository(AccountConnectionEntity) private readonly accounts: Repository<AccountConnectionEntity>,
    @InjectRepository(FetchRunItemEntity) private readonly items: Repository<FetchRunItemEntity>,
    private readonly runner: SourceRunner,
    private readonly cipher: CredentialCipher,
    private readonly processor: SignalProcessor,
    private readonly events: IncidentEvents,
    private readonly stated: StatedRules,
    private readonly metrics: MetricsRegistry,
  ) {}

  async collect(job: CollectJobData): Promise<number | null> {
    const done = this.metrics.jobDuration.startTimer({ queue: 'collect' });
    try {
      return await this.collectOnce(job);
    } finally {
      done();
    }
  }

  private async collectOnce(job: CollectJobData): Promise<number | null> {
    if (!job.accountId) return null;
    const row = await this.accounts.findOne({ where: { id: job.accountId } });
    if (!row) return null; // deleted meanwhile (its run items went with it)
    const timed = this.metrics.collectionDuration.startTimer({ source: row.serviceType });
    if (job.runId) await this.items.update({ runId: job.runId, accountId: row.id }, { status: 'running' });
    const credentials = this.cipher.decrypt<Record<string, string | undefined>>(row.credentialsEncrypted);
    try {
      const result = await this.runner.run(
        { accountId: row.id, projectId: row.projectId, type: row.serviceType, credentials, config: row.config },
        (p, ctx) => p.collect(ctx, row.cursor),
      );
      // Dependencies first: this collection's signals are grouped with them already.
      await this.stated.record(row.projectId, result.relations ?? []);
      await this.process(row.projectId, result.signals);
      // save() of the changed fields: update() types jsonb partials deeply and refuses a plain JSON cursor.
      await this.accounts.save(
        this.accounts.create({
          id: row.id,
          cursor: result.cursor,
          lastCollectedAt: new Date(),
          failures: 0,
          status: 'active',
          lastError: null,
        }),
      );
      if (job.runId)
        await this.items.update(
          { runId: job.runId, accountId: row.id },
          { status: 'done', signalCount: result.signals.length, finishedAt: new Date() },
        );
      timed();
      this.metrics.collections.inc({ source: row.serviceType, outcome: 'ok' });
      return result.signals.length;
    } catch (e) {
      const error = describeSourceError(
        e,
        Object.values(credentials).filter((v): v is string => !!v),
      );
      const failures = row.failures + 1;
      const lasting = !(e instanceof SourceError) || !e.transient;
      const intervalS = row.config.interval_seconds ?? 60;
      const backoffS = Math.max(intervalS, Math.min(BACKOFF_BASE_S * 2 ** (failures - 1), BACKOFF_MAX_S));
      await this.accounts.update(
        { id: row.id },
        {
          failures,
          lastError: error,
          ...(lasting || failures >= ERROR_AFTER ? { status: 'error' as const } : {}),
          nextCollectAt: new Date(Date.now() + backoffS * 1000),
        },
      );
      if (job.runId)
        await this.items.update(
          { runId: job.runId, accountId: row.id },
          { status: 'failed', error, finishedAt: new Date() },
        );
      this.logger.warn({ accountId: row.id, type: row.serviceType, failures, error }, 'collection failed');
      timed();
      this.metrics.collections.inc({ source: row.serviceType, outcome: 'failed' });
      return null;
    }
  }

  /** Large collections go through processing in chunks, each its own transaction. */
  private async process(projectId: string, signals: Signal[]): Promise<void> {
    for (let i = 0; i < signals.length; i += CHUNK) {
      const r = await this.processor.process(projectId, signals.slice(i, i + CHUNK));
      this.events.publish(projectId, r.incidentIds);
    }
  }
}
