import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Correlator, CorrelationOutcome, DEFAULT_OPTIONS, fingerprint, signalKey } from '@mozaic/correlation';
import { Signal } from '@mozaic/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { cleanJson } from '../../../common/json/clean';
import { bulkWrite } from '../../../database/bulk-write';
import { SignalEntity } from '../entities/signal.entity';
import { CorrelationRepository, LogLines } from './correlation.repository';
import { TemplateStore } from './template-store.service';
import { sqlState, UNIQUE_VIOLATION } from '../../../database/sql-state';

export interface ProcessResult {
  outcomes: CorrelationOutcome[];
  /** Incidents created or changed, for live updates. */
  incidentIds: string[];
}

/**
 * Signals of one project → log templates, alerts and incidents, in one transaction: a per-project
 * advisory lock serialises workers, the unique open-incident index backs it up (a violation is
 * retried), and a redelivered signal changes nothing.
 */
@Injectable()
export class SignalProcessor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CorrelationRepository,
    private readonly templates: TemplateStore,
  ) {}

  async process(projectId: string, signals: Signal[]): Promise<ProcessResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((m) => this.processIn(m, projectId, signals));
      } catch (e) {
        if (sqlState(e) !== UNIQUE_VIOLATION || attempt >= 3) throw e;
      }
    }
  }

  /** The same within a caller's transaction (the ingest worker marks its delivery in it too). */
  async processIn(m: EntityManager, projectId: string, input: Signal[]): Promise<ProcessResult> {
    if (input.length === 0) return { outcomes: [], incidentIds: [] };
    const signals = input.map((s) => cleanJson(s));
    const windowS = await this.repo.lockProject(m, projectId);
    const miner = await this.templates.load(m, projectId);
    const clusterIds = signals.map((s) => miner.addId(s.message || s.title, Date.parse(s.occurredAt)));
    const fps = signals.map((s) => fingerprint(s));
    const keys = signals.map((s, i) => signalKey(s, fps[i]));
    const earliest = Math.min(...signals.map((s) => Date.parse(s.occurredAt)));

    const state = await this.repo.load(m, projectId, windowS, {
      fingerprints: fps,
      signalKeys: keys,
      open: true,
      resolvedSince: new Date(earliest - 86_400_000),
    });
    const correlator = new Correlator(state.store, { ...DEFAULT_OPTIONS, windowMs: windowS * 1000 });
    const outcomes = correlator.ingestAll(signals.map((signal, i) => ({ signal, templates: [`t${clusterIds[i]}`] })));

    const fresh = signals.map((s, i) => ({ s, i })).filter(({ i }) => outcomes[i].action !== 'duplicate');
    await this.repo.save(m, projectId, state, this.logLines(fresh, outcomes));
    await bulkWrite(
      m,
      SignalEntity,
      fresh.map(({ s, i }) => ({
        projectId,
        alertId: outcomes[i].alertId,
        source: s.source,
        sourceRef: s.sourceRef?.slice(0, 500) ?? null,
        fingerprint: fps[i],
        signalKey: keys[i],
        templateId: `t${clusterIds[i]}`,
        occurredAt: new Date(s.occurredAt),
        severity: s.severity,
        status: s.status,
        title: s.title.slice(0, 500),
        message: s.message,
        entities: s.entities,
        raw: s.raw as object,
      })),
      { conflict: ['projectId', 'signalKey'], onConflict: 'ignore' },
    );
    await this.templates.save(m, projectId, miner, clusterIds);
    return { outcomes, incidentIds: [...state.store.dirtyIncidents] };
  }

  /** New log lines per incident, newest first. */
  private logLines(fresh: Array<{ s: Signal; i: number }>, outcomes: CorrelationOutcome[]): Map<string, LogLines> {
    const out = new Map<string, LogLines>();
    for (const { s, i } of fresh) {
      const id = outcomes[i].incidentId;
      if (!id) continue;
      const list = out.get(id) ?? [];
      list.unshift({
        at: s.occurredAt,
        source: s.source,
        status: s.status,
        title: s.title,
        message: s.message.slice(0, 1000),
      });
      out.set(id, list);
    }
    return out;
  }
}
